using Eiec.FrontEnd.Compress;
using ScottPlot;

namespace Eiec.Toolchain.Compress;

/// <summary>PNG plots of the front end: pruning sensitivity per layer, accuracy vs density and vs compression
/// ratio.</summary>
public static class CompressPlots
{
    /// <summary>Width of every plot, in pixels.</summary>
    public const int Width = 960;

    /// <summary>Height of every plot, in pixels.</summary>
    public const int Height = 640;

    /// <summary>Deep Compression's Fig. 6: top-1 vs density, one line per layer pruned alone, density on a log
    /// axis.</summary>
    public static byte[] Sensitivity(IReadOnlyList<SensitivityRow> rows, string model)
    {
        var plot = new Plot();
        foreach (var group in rows.GroupBy(r => r.Layer))
        {
            var points = group.OrderBy(r => r.Density).ToList();
            var s = plot.Add.Scatter(points.Select(r => Math.Log10(r.Density * 100)).ToArray(),
                points.Select(r => r.Accuracy * 100).ToArray());
            s.LegendText = $"{group.Key} pruned alone";
            s.MarkerSize = 7;
            s.LineWidth = 2;
        }
        plot.Axes.Bottom.TickGenerator = PercentTicks(rows.Select(r => r.Density));
        plot.Title($"Pruning sensitivity (no retraining) — {model}");
        plot.XLabel("weights kept in the pruned layer [%] (log scale)");
        plot.YLabel("top-1 accuracy [%]");
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Top-1 (golden model) vs density, or vs compression ratio, one line per labelled series.</summary>
    public static byte[] Curve(IReadOnlyList<CompressionSweepRow> rows, string title, bool byRatio)
    {
        var plot = new Plot();
        foreach (var group in rows.GroupBy(r => r.Label))
        {
            if (byRatio)
            {
                foreach (var huffman in new[] { false, true })
                {
                    var points = group.OrderBy(r => huffman ? r.RatioHuffman : r.Ratio).ToList();
                    var s = plot.Add.Scatter(points.Select(r
                        => Math.Log10(huffman ? r.RatioHuffman : r.Ratio)).ToArray(),
                        points.Select(r => r.GoldenAccuracy * 100).ToArray());
                    s.LegendText = $"{group.Key}, {(huffman ? "with Huffman" : "fixed width")}";
                    s.MarkerSize = 7;
                    s.LineWidth = 2;
                    if (huffman) s.LinePattern = LinePattern.Dashed;
                }
            }
            else
            {
                var points = group.OrderBy(r => r.Density).ToList();
                var s = plot.Add.Scatter(points.Select(r => Math.Log10(r.Density * 100)).ToArray(),
                    points.Select(r => r.GoldenAccuracy * 100).ToArray());
                s.LegendText = group.Key;
                s.MarkerSize = 7;
                s.LineWidth = 2;
            }
        }
        if (byRatio)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            foreach (var r in new[] { 5, 10, 20, 30, 50, 70, 100, 150, 200 }) ticks.AddMajor(Math.Log10(r), $"{r}×");
            plot.Axes.Bottom.TickGenerator = ticks;
            plot.XLabel("compression ratio vs fp32 weights (log scale)");
        }
        else
        {
            plot.Axes.Bottom.TickGenerator = PercentTicks(rows.Select(r => r.Density));
            plot.XLabel("weights kept [%] (log scale)");
        }
        plot.Title(title);
        plot.YLabel("top-1 accuracy, fixed-point golden model [%]");
        // The curves rise with density and fall with the ratio: the legend goes where they are not.
        plot.ShowLegend(byRatio ? Alignment.LowerLeft : Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static ScottPlot.TickGenerators.NumericManual PercentTicks(IEnumerable<double> densities)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var d in densities.Distinct().Order())
            ticks.AddMajor(Math.Log10(d * 100), (d * 100).ToString("0.##",
                System.Globalization.CultureInfo.InvariantCulture));
        return ticks;
    }
}
