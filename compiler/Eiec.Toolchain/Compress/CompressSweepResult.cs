using Eiec.FrontEnd.Compress;

namespace Eiec.Toolchain.Compress;

/// <summary>What <see cref="EiecToolchain.CompressSweep"/> computed and wrote.</summary>
/// <param name="Rows">One row per density of this sweep, in request order.</param>
/// <param name="CsvPath">The sweep.csv written (this sweep's rows only).</param>
/// <param name="Plots">File names of the PNG plots written beside it.</param>
/// <param name="CompressedModels">File names of the .cz files written beside it, one per density.</param>
public sealed record CompressSweepResult(
    IReadOnlyList<CompressionSweepRow> Rows, string CsvPath, IReadOnlyList<string> Plots,
    IReadOnlyList<string> CompressedModels);
