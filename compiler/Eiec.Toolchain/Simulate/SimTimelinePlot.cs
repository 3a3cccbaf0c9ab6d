using System.Globalization;
using Eiec.Sim.Stats;
using ScottPlot;

namespace Eiec.Toolchain.Simulate;

/// <summary>
/// `eiec sim --plot FILE.png`: what every PE does over time, one row per PE and one column per time bin
/// of <see cref="PeTimeline"/>, each cell coloured by its dominant class: blocking (the PE's full queue
/// stalled the broadcast in at least half the bin's SCAN cycles), else the largest of busy, stalled,
/// starved and drain; write-back where WB fills most of the bin. Layer boundaries are vertical lines.
/// </summary>
public static class SimTimelinePlot
{
    public const int Width = 1200;
    public const int Height = 700;

    /// <summary>The cell classes in colour order (the heatmap's values are their indexes).</summary>
    public static readonly IReadOnlyList<(string Name, Color Color)> Classes =
    [
        ("busy (issuing an entry)", Colors.ForestGreen),
        ("drain (work in flight)", Colors.LightSkyBlue),
        ("starved (nothing to do)", Colors.WhiteSmoke),
        ("stalled (queue full, not issuing)", Colors.Orange),
        ("blocking (its full queue stalls the broadcast)", Colors.Crimson),
        ("write-back", Colors.DimGray),
    ];

    public static byte[] Render(PeTimeline timeline, string model, string engine, int pes, double clockMhz)
    {
        int bins = Math.Max(1, timeline.Bins);
        var cells = new double[timeline.Pes, bins];
        for (int bin = 0; bin < bins; bin++)
        {
            long scan = timeline.ScanCycles(bin), wb = timeline.WriteBackCycles(bin);
            for (int k = 0; k < timeline.Pes; k++) cells[k, bin] = Dominant(timeline, k, bin, scan, wb);
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new CategoryColormap(Classes.Select(c => c.Color).ToArray());
        heatmap.ManualRange = new ScottPlot.Range(0, Classes.Count - 1);
        // Row 0 (PE 0) at the bottom; cells span [bin · width, (bin + 1) · width) cycles.
        heatmap.FlipVertically = true;
        heatmap.Rectangle = new CoordinateRect(0, bins * (double)timeline.BinWidth, 0, timeline.Pes);
        for (int l = 1; l < timeline.LayerStarts.Count; l++)
        {
            var line = plot.Add.VerticalLine(timeline.LayerStarts[l]);
            line.Color = Colors.Black;
            line.LineWidth = 2;
        }
        foreach (var (name, color) in Classes)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = color });
        plot.ShowLegend(Edge.Bottom);
        plot.Axes.SetLimits(0, bins * (double)timeline.BinWidth, 0, timeline.Pes);
        string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
        plot.Title($"PE activity over time — {model}: {timeline.Cycles:N0} counted cycles, {pes} PEs, " +
                   $"{F(clockMhz, "0.###")} MHz\n{engine} engine, first input vector, " +
                   $"{timeline.BinWidth:N0} cycle(s) per column, layer boundaries as lines");
        plot.XLabel("cycle (SCAN and write-back of every layer)");
        plot.YLabel("PE");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>The class index of PE <paramref name="pe"/>'s cell in <paramref name="bin"/>.</summary>
    private static double Dominant(PeTimeline t, int pe, int bin, long scan, long wb)
    {
        if (scan + wb == 0) return double.NaN;
        if (wb > scan) return 5;
        long busy = t.Count(pe, bin, PeTimeline.Busy), stalled = t.Count(pe, bin, PeTimeline.Stalled);
        long starved = t.Count(pe, bin, PeTimeline.Starved);
        long drain = scan - busy - stalled - starved;
        if (2 * t.Count(pe, bin, PeTimeline.Blocking) >= scan) return 4;
        // Ties go to the first: busy, drain, starved, stalled.
        long best = busy;
        int cls = 0;
        if (drain > best) { best = drain; cls = 1; }
        if (starved > best) { best = starved; cls = 2; }
        if (stalled > best) cls = 3;
        return cls;
    }
}
