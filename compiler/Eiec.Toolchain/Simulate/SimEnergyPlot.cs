using System.Globalization;
using Eiec.Sim.Energy;
using Eiec.Sim.Stats;
using ScottPlot;

namespace Eiec.Toolchain.Simulate;

/// <summary>
/// `eiec sim --plot FILE.png`: energy per inference by hardware unit, each bar split into the unit's
/// per-cycle energy (clock, registers, leakage) and its actions, with the totals in the title.
/// </summary>
public static class SimEnergyPlot
{
    public const int Width = 960;
    public const int Height = 640;

    public static byte[] Render(SimStats stats, EnergyReport e, string model)
    {
        var plot = new Plot();
        double n = stats.Inferences;
        var units = e.ByUnit.Where(u => u.Value > 0).Select(u => u.Key).ToList();
        var perCycleColor = Colors.SteelBlue;
        var actionColor = Colors.Orange;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < units.Count; i++)
        {
            string unit = units[i];
            // nJ per inference.
            double perCycle = e.Lines.Where(l => l.Unit == unit && l.PerCycle).Sum(l => l.TotalPj) / n / 1000;
            double actions = e.Lines.Where(l => l.Unit == unit && !l.PerCycle).Sum(l => l.TotalPj) / n / 1000;
            plot.Add.Bars(new[]
            {
                new Bar { Position = i, ValueBase = 0, Value = perCycle, FillColor = perCycleColor },
                new Bar { Position = i, ValueBase = perCycle, Value = perCycle + actions, FillColor = actionColor },
            });
            ticks.AddMajor(i, unit);
        }
        plot.Legend.ManualItems.Add(
            new LegendItem { LabelText = "per cycle (clock, registers, leakage)", FillColor = perCycleColor });
        plot.Legend.ManualItems.Add(
            new LegendItem { LabelText = "actions (count × energy per action)", FillColor = actionColor });
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Margins(bottom: 0);
        string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
        plot.Title($"Energy per inference by unit — {model}: {F(e.PerInferencePj / 1e6, "0.###")} µJ, " +
                   $"{F(e.PjPerUsefulMac, "0.##")} pJ/MAC, {F(e.AveragePowerMw, "0.#")} mW\n" +
                   $"{stats.Pes} PEs, {F(stats.ClockMhz, "0.###")} MHz, table '{e.Table}'");
        plot.XLabel("hardware unit");
        plot.YLabel("energy per inference [nJ]");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
