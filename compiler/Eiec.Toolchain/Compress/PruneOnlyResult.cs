using Eiec.FrontEnd.Import;

namespace Eiec.Toolchain.Compress;

/// <summary>What <see cref="EiecToolchain.PruneOnly"/> wrote: the pruned dense model and its counts.</summary>
/// <param name="Model">The pruned dense model (pruned weights at 0).</param>
/// <param name="Kept">Weights left non-zero.</param>
/// <param name="Weights">All weights.</param>
public sealed record PruneOnlyResult(DenseModel Model, long Kept, long Weights);
