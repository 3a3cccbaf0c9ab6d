using Eiec.FrontEnd.Training;

namespace Eiec.Toolchain.Train;

/// <summary>
/// Runs <paramref name="work"/>, which retrains, handing it the callbacks that see each epoch and the
/// progress within one; returns what the work returns. A caller shows the callbacks live (the CLI's
/// progress display wraps each retraining this way) or ignores them.
/// </summary>
/// <typeparam name="T">What the work returns.</typeparam>
/// <param name="work">The retraining, given its epoch and progress callbacks.</param>
public delegate T TrainingScope<T>(Func<Action<EpochReport>, Action<TrainingProgress>, T> work);
