using Eiec.Compiler.Report;
using Eiec.Contract.Image;

namespace Eiec.Toolchain.Build;

/// <summary>What <see cref="EiecToolchain.Build"/> wrote: the image as compiled, its report, totals.</summary>
/// <param name="OutputDir">The image directory written (image, report.md/json, rtl/).</param>
/// <param name="Image">The compiled image, the same contents as the files in <paramref name="OutputDir"/>.</param>
/// <param name="Report">The storage report written as report.md and report.json.</param>
/// <param name="NonZeros">Stored weights over all layers.</param>
/// <param name="Padding">Padding entries over all layers.</param>
/// <param name="WeightKiB">Sparse-matrix storage of all layers (EIE encoding), KiB.</param>
/// <param name="Elapsed">Wall time of the build.</param>
public sealed record BuildResult(
    string OutputDir, CompiledImage Image, BuildReport Report, long NonZeros, long Padding, double WeightKiB,
    TimeSpan Elapsed)
{
    /// <summary>The Markdown report's path.</summary>
    public string ReportPath => Path.Combine(OutputDir, ImageFiles.ReportMarkdown);
}
