using System.Globalization;
using ScottPlot;

namespace Eiec.Toolchain.Sweep;

/// <summary>
/// PNG plots of a sweep, after the EIE paper: speedup vs PE count on log2 axes with the ideal linear
/// line (Fig. 8: one series per layer; and one series per queue depth for the whole network), and
/// load-balance efficiency vs queue depth (Fig. 11: one series per layer). One set per combination
/// of --field values (suffixed with the values when there is more than one).
/// </summary>
public static class SweepPlots
{
    public const int Width = 960;
    public const int Height = 640;

    /// <summary>The plots as PNG bytes with their file names (the caller writes them, all or none).</summary>
    public static IReadOnlyList<(string Name, byte[] Png)> Render(IReadOnlyList<SweepRow> rows, string model)
    {
        var files = new List<(string, byte[])>();
        var ok = rows.Where(r => r.Error is null).ToList();
        var combos = ok.Select(r => r.FieldKey).Distinct().ToList();
        foreach (var combo in combos)
        {
            var set = ok.Where(r => r.FieldKey == combo).ToList();
            string suffix = combos.Count > 1 ? "_" + string.Concat(combo.Select(c => char.IsLetterOrDigit(c) || c is '=' or '.' ? c : '_')) : "";
            string title = model + (combo.Length > 0 ? $" ({combo})" : "");
            int depth = Reference(set.Select(r => r.FifoDepth), 8);
            int pes = Reference(set.Select(r => r.Pes), 64);
            bool multiLayer = set.Any(r => r.Layer > 0);

            var byLayer = set.Where(r => r.FifoDepth == depth && (multiLayer || r.Layer >= 0))
                .GroupBy(r => (r.Layer, r.LayerName)).OrderBy(g => g.Key.Layer < 0 ? int.MaxValue : g.Key.Layer)
                .Select(g => (Label(g.Key.Layer, g.Key.LayerName), g.OrderBy(r => r.Pes).ToList())).ToList();
            files.Add(Png(Speedup(byLayer, $"Speedup vs PEs, queue depth {depth} — {title}"), $"speedup{suffix}.png"));

            var byDepth = set.Where(r => r.Layer < 0).GroupBy(r => r.FifoDepth).OrderBy(g => g.Key)
                .Select(g => ($"queue depth {g.Key}", g.OrderBy(r => r.Pes).ToList())).ToList();
            files.Add(Png(Speedup(byDepth, $"Whole-network speedup vs PEs by queue depth — {title}"), $"speedup_by_depth{suffix}.png"));

            var balance = set.Where(r => r.Pes == pes && (multiLayer || r.Layer >= 0))
                .GroupBy(r => (r.Layer, r.LayerName)).OrderBy(g => g.Key.Layer < 0 ? int.MaxValue : g.Key.Layer)
                .Select(g => (Label(g.Key.Layer, g.Key.LayerName), g.OrderBy(r => r.FifoDepth).ToList())).ToList();
            files.Add(Png(LoadBalance(balance, $"Load-balance efficiency vs queue depth, {pes} PEs — {title}"), $"load_balance{suffix}.png"));
        }
        return files;
    }

    private static string Label(int layer, string name) => layer < 0 ? "whole network" : $"layer {layer} {name}";

    /// <summary>The preferred value if swept (the paper's 8-deep queue, 64 PEs), else the largest.</summary>
    private static int Reference(IEnumerable<int> values, int preferred)
    {
        var list = values.Distinct().ToList();
        return list.Contains(preferred) ? preferred : list.Max();
    }

    private static Plot Speedup(IReadOnlyList<(string Label, List<SweepRow> Rows)> series, string title)
    {
        var plot = new Plot();
        var all = series.SelectMany(s => s.Rows).ToList();
        int minPes = all.Min(r => r.Pes), maxPes = all.Max(r => r.Pes);
        var ideal = plot.Add.Scatter(new[] { Math.Log2(minPes), Math.Log2(maxPes) }, new[] { 0.0, Math.Log2((double)maxPes / minPes) });
        ideal.LegendText = "ideal (linear)";
        ideal.LinePattern = LinePattern.Dashed;
        ideal.Color = Colors.Gray;
        ideal.MarkerSize = 0;
        foreach (var (label, rows) in series)
        {
            var s = plot.Add.Scatter(rows.Select(r => Math.Log2(r.Pes)).ToArray(), rows.Select(r => Math.Log2(r.Speedup)).ToArray());
            s.LegendText = label;
            s.MarkerSize = 7;
            s.LineWidth = 2;
        }
        plot.Axes.Bottom.TickGenerator = PowersOfTwo(minPes, maxPes);
        double maxSpeedup = Math.Max(all.Max(r => r.Speedup), (double)maxPes / minPes);
        plot.Axes.Left.TickGenerator = PowersOfTwo(1, Math.Max(2, (int)Math.Ceiling(maxSpeedup)));
        plot.Title(title);
        plot.XLabel("processing elements (log2 scale)");
        plot.YLabel($"speedup over {minPes} PE{(minPes == 1 ? "" : "s")} (log2 scale)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot LoadBalance(IReadOnlyList<(string Label, List<SweepRow> Rows)> series, string title)
    {
        var plot = new Plot();
        var all = series.SelectMany(s => s.Rows).ToList();
        foreach (var (label, rows) in series)
        {
            var s = plot.Add.Scatter(rows.Select(r => Math.Log2(r.FifoDepth)).ToArray(), rows.Select(r => 100 * r.LoadBalanceEfficiency).ToArray());
            s.LegendText = label;
            s.MarkerSize = 7;
            s.LineWidth = 2;
        }
        plot.Axes.Bottom.TickGenerator = PowersOfTwo(all.Min(r => r.FifoDepth), all.Max(r => r.FifoDepth));
        plot.Axes.SetLimitsY(0, 105);
        double lo = Math.Log2(all.Min(r => r.FifoDepth)), hi = Math.Log2(all.Max(r => r.FifoDepth));
        plot.Axes.SetLimitsX(lo - 0.3, hi + 0.3);
        plot.Title(title);
        plot.XLabel("activation-queue depth, entries (log2 scale)");
        plot.YLabel("load-balance efficiency = ideal / actual scan cycles [%]");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>Ticks at log2 positions labelled 1, 2, 4, ... between <paramref name="min"/> and <paramref name="max"/>.</summary>
    private static ScottPlot.TickGenerators.NumericManual PowersOfTwo(int min, int max)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int e = (int)Math.Floor(Math.Log2(Math.Max(1, min))); e <= (int)Math.Ceiling(Math.Log2(Math.Max(1, max))); e++)
            ticks.AddMajor(e, (1L << e).ToString(CultureInfo.InvariantCulture));
        return ticks;
    }

    private static (string, byte[]) Png(Plot plot, string name) => (name, plot.GetImageBytes(Width, Height, ImageFormat.Png));
}
