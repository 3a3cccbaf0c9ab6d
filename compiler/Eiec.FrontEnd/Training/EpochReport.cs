namespace Eiec.FrontEnd.Training;

/// <summary>
/// What one epoch of one phase did: mean training loss and accuracy over the epoch's minibatches
/// (as trained, before the epoch's last update), and the test accuracy after it.
/// </summary>
public sealed record EpochReport(string Phase, int Epoch, int Epochs, double Loss, double TrainAccuracy,
    double? TestAccuracy, TimeSpan Elapsed);
