namespace Eiec.Toolchain.Sweep;

/// <summary>What <see cref="EiecToolchain.Sweep"/> measured and wrote.</summary>
/// <param name="Rows">Every row: per layer and whole network (Layer &lt; 0), failed points with Error set.</param>
/// <param name="Failures">One row per configuration the model does not fit.</param>
/// <param name="CsvPath">The sweep.csv written (sweep.json beside it).</param>
/// <param name="PlotNames">File names of the PNG plots written beside it.</param>
public sealed record SweepResult(
    IReadOnlyList<SweepRow> Rows, IReadOnlyList<SweepRow> Failures, string CsvPath, IReadOnlyList<string> PlotNames);
