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
    /// <summary>
    /// Cosine decay of the learning rate over the run, from <see cref="LearningRate"/> at the first step to 0
    /// after the last: the last epochs settle instead of jittering around a minimum at a constant step size.
    /// </summary>
    public bool CosineDecay { get; init; }
}
