namespace Eiec.FrontEnd.Training;

/// <summary>
/// Progress within a phase, reported every few minibatches: epochs done so far (fractional) of the total.
/// </summary>
public sealed record TrainingProgress(string Phase, double EpochsDone, int Epochs);
