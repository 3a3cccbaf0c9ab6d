using Eiec.Sim.Stats;

namespace Eiec.Sim.Energy;

/// <summary>
/// Energy of a simulation: Σ count × energy per action, by action and by hardware unit, with the
/// energy per inference and the average power over the counted time at the simulation's clock.
/// </summary>
public sealed record EnergyReport
{
    /// <summary>One action's line: count × pJ/action = pJ.</summary>
    public sealed record Line(string Action, string Unit, long Count, double PjPerAction, double TotalPj, string? Source);

    public required string Table { get; init; }
    public required string TableOrigin { get; init; }
    public required IReadOnlyList<Line> Lines { get; init; }
    /// <summary>Unit → total pJ, in table order of first appearance.</summary>
    public required IReadOnlyDictionary<string, double> ByUnit { get; init; }
    /// <summary>Total energy of all inferences, pJ.</summary>
    public required double TotalPj { get; init; }
    /// <summary>Energy per inference, pJ.</summary>
    public required double PerInferencePj { get; init; }
    /// <summary>Average power over the counted cycles at the clock, mW.</summary>
    public required double AveragePowerMw { get; init; }
    public required double ClockMhz { get; init; }

    public static EnergyReport Compute(SimStats stats, EnergyTable table)
    {
        var counts = stats.Actions;
        var lines = EnergyActions.All.Select(a =>
        {
            var e = table[a];
            return new Line(a.Name(), e.Unit, counts[a], e.Pj, counts[a] * e.Pj, e.Source);
        }).ToList();
        var byUnit = new Dictionary<string, double>();
        foreach (var unit in EnergyActions.KnownUnits) byUnit[unit] = 0;
        foreach (var line in lines) byUnit[line.Unit] += line.TotalPj;
        double total = lines.Sum(l => l.TotalPj);
        double microseconds = stats.Microseconds(stats.Cycles);
        return new EnergyReport
        {
            Table = table.Name,
            TableOrigin = table.Origin,
            Lines = lines,
            ByUnit = byUnit,
            TotalPj = total,
            PerInferencePj = total / stats.Inferences,
            // pJ / µs = µW.
            AveragePowerMw = microseconds == 0 ? 0 : total / microseconds / 1000.0,
            ClockMhz = stats.ClockMhz,
        };
    }
}
