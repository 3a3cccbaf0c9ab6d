namespace Eiec.FrontEnd.Training;

/// <summary>
/// The two retraining phases of Deep Compression: masked retraining after pruning, then fine-tuning
/// of the shared centroids. Learning rates are Adam step sizes.
/// </summary>
public sealed record RetrainOptions
{
    /// <summary>Epochs of masked retraining after the last (or only) pruning step.</summary>
    public int PruneEpochs { get; init; } = 10;
    /// <summary>
    /// Pruning steps: 1 = one-shot; K &gt; 1 = iterative, densities density^(s/K) for s = 1..K, each step
    /// followed by masked retraining (<see cref="StepEpochs"/> after steps 1..K−1, <see cref="PruneEpochs"/> after
    /// step K).
    /// </summary>
    public int PruneSteps { get; init; } = 1;
    /// <summary>Epochs of masked retraining after each intermediate pruning step (null: PruneEpochs / PruneSteps, at
    /// least 1).</summary>
    public int? StepEpochs { get; init; }
    public double PruneLearningRate { get; init; } = 5e-4;
    public int ShareEpochs { get; init; } = 3;
    public double ShareLearningRate { get; init; } = 1e-4;
    public int BatchSize { get; init; } = 64;
    /// <summary>Cosine decay of the learning rate within each retraining phase (see <see
    /// cref="TrainingOptions.CosineDecay"/>).</summary>
    public bool CosineDecay { get; init; }
    public long Seed { get; init; } = 1;
    /// <summary>Test examples evaluated after each epoch (null = all, 0 = none).</summary>
    public int? EvalExamples { get; init; }

    /// <summary>Epochs after intermediate step s (1-based) of <see cref="PruneSteps"/>.</summary>
    public int EpochsAfterStep(int step) =>
        step >= PruneSteps ? PruneEpochs : StepEpochs ?? Math.Max(1, PruneEpochs / PruneSteps);
}
