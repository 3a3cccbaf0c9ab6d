namespace Eiec.FrontEnd.Training;

/// <summary>Minibatch Adam with softmax cross-entropy on the last layer.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 64;
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Seeds the order of examples in each epoch.</summary>
    public long Seed { get; init; } = 1;
    /// <summary>Examples to evaluate on after each epoch (all of the test split when null; 0 = none).</summary>
    public int? EvalExamples { get; init; }
}
