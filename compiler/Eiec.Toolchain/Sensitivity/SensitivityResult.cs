using Eiec.FrontEnd.Compress;

namespace Eiec.Toolchain.Sensitivity;

/// <summary>What <see cref="EiecToolchain.Sensitivity"/> computed and wrote.</summary>
/// <param name="Rows">Top-1 accuracy per layer and density.</param>
/// <param name="CsvPath">The sensitivity.csv written.</param>
/// <param name="PlotPath">The sensitivity.png written beside it.</param>
/// <param name="Examples">Test examples each point was scored on.</param>
public sealed record SensitivityResult(IReadOnlyList<SensitivityRow> Rows, string CsvPath, string PlotPath,
    int Examples);
