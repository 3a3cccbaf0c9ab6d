namespace Eiec.FrontEnd.Training;

/// <summary>
/// The two retraining phases of Deep Compression: masked retraining after pruning, then fine-tuning
/// of the shared centroids. Learning rates are Adam step sizes.
/// </summary>
public sealed record RetrainOptions
{
    public int PruneEpochs { get; init; } = 10;
    public double PruneLearningRate { get; init; } = 5e-4;
    public int ShareEpochs { get; init; } = 3;
    public double ShareLearningRate { get; init; } = 1e-4;
    public int BatchSize { get; init; } = 64;
    public long Seed { get; init; } = 1;
    /// <summary>Test examples evaluated after each epoch (null = all, 0 = none).</summary>
    public int? EvalExamples { get; init; }
}
