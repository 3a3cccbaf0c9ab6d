using Eiec.FrontEnd.Compress;

namespace Eiec.Toolchain.Compress;

/// <summary>What <see cref="EiecToolchain.Compress"/> wrote, with its report and stage times.</summary>
/// <param name="Report">The compression report (kept weights, ratios, per layer).</param>
/// <param name="Load">Time to load the dense model.</param>
/// <param name="Compress">Time to prune, share and (optionally) retrain.</param>
/// <param name="Write">Time to validate and write the outputs.</param>
public sealed record CompressResult(CompressionReport Report, TimeSpan Load, TimeSpan Compress, TimeSpan Write)
{
    /// <summary>Total wall time.</summary>
    public TimeSpan Elapsed => Load + Compress + Write;
}
