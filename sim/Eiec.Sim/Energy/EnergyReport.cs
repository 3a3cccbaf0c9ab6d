using Eiec.Sim.Stats;

namespace Eiec.Sim.Energy;

/// <summary>
/// Energy of a simulation: Σ count × energy per action plus Σ cycles × energy per cycle, by unit,
/// with the figures people compare accelerators by: energy per inference, pJ per useful MAC, average
/// power, frames/s and frames/J at the simulation's clock. Counted cycles are SCAN + WB (as for
/// latency); a PE unit's per-cycle energy is paid by each of the N PEs, the control unit's once.
/// </summary>
public sealed record EnergyReport
{
    /// <summary>
    /// One line: <paramref name="Count"/> × <paramref name="PjEach"/> = <paramref name="TotalPj"/>. For an
    /// action, Name is the action and Count its count; for a per-cycle line, Name is clock, register or
    /// leakage and Count the unit-cycles (counted cycles × N for a PE unit).
    /// </summary>
    public sealed record Line(string Name, string Unit, bool PerCycle, long Count, double PjEach, double TotalPj,
        string? Source);

    public required string Table { get; init; }
    public required string TableOrigin { get; init; }
    /// <summary>Per unit (table order): its per-cycle lines, then its actions.</summary>
    public required IReadOnlyList<Line> Lines { get; init; }
    /// <summary>Unit → total pJ over all inferences, in <see cref="EnergyActions.KnownUnits"/> order.</summary>
    public required IReadOnlyDictionary<string, double> ByUnit { get; init; }
    /// <summary>Total energy of all inferences, pJ.</summary>
    public required double TotalPj { get; init; }
    /// <summary>Energy per inference, pJ.</summary>
    public required double PerInferencePj { get; init; }
    /// <summary>Energy per multiply-accumulate with a stored weight (padding excluded), pJ; 0 if none.</summary>
    public required double PjPerUsefulMac { get; init; }
    /// <summary>Average power over the counted cycles at the clock, mW.</summary>
    public required double AveragePowerMw { get; init; }
    /// <summary>Inferences per second at the clock (one after another, counted cycles only).</summary>
    public required double FramesPerSecond { get; init; }
    /// <summary>Inferences per joule.</summary>
    public required double FramesPerJoule { get; init; }
    public required double ClockMhz { get; init; }

    public static EnergyReport Compute(SimStats stats, EnergyTable table)
    {
        var lines = LinesOf(stats.Actions, stats.Cycles, stats.Pes, table);
        var byUnit = EnergyActions.KnownUnits.ToDictionary(
            u => u, u => lines.Where(l => l.Unit == u).Sum(l => l.TotalPj));
        double total = lines.Sum(l => l.TotalPj);
        double microseconds = stats.Microseconds(stats.Cycles);
        double perInference = total / stats.Inferences;
        return new EnergyReport
        {
            Table = table.Name,
            TableOrigin = table.Origin,
            Lines = lines,
            ByUnit = byUnit,
            TotalPj = total,
            PerInferencePj = perInference,
            PjPerUsefulMac = stats.UsefulEntries == 0 ? 0 : total / stats.UsefulEntries,
            // pJ / µs = µW.
            AveragePowerMw = microseconds == 0 ? 0 : total / microseconds / 1000.0,
            FramesPerSecond = microseconds == 0 ? 0 : stats.Inferences / (microseconds * 1e-6),
            FramesPerJoule = perInference == 0 ? 0 : 1e12 / perInference,
            ClockMhz = stats.ClockMhz,
        };
    }

    /// <summary>Total pJ of some counts over <paramref name="cycles"/> counted cycles of an N-PE array.</summary>
    public static double Pj(ActionCounts counts, long cycles, int pes, EnergyTable table) =>
        LinesOf(counts, cycles, pes, table).Sum(l => l.TotalPj);

    private static List<Line> LinesOf(ActionCounts counts, long cycles, int pes, EnergyTable table)
    {
        var lines = new List<Line>();
        foreach (var (unit, perCycle) in table.PerCycle)
        {
            long unitCycles = EnergyActions.IsPerPe(unit) ? cycles * pes : cycles;
            foreach (var kind in PerCycleEnergy.Kinds)
            {
                var e = perCycle[kind];
                lines.Add(new Line(kind, unit, true, unitCycles, e.Pj, unitCycles * e.Pj, e.Source));
            }
            foreach (var a in EnergyActions.All.Where(a => table[a].Unit == unit))
            {
                var e = table[a];
                lines.Add(new Line(a.Name(), unit, false, counts[a], e.Pj, counts[a] * e.Pj, e.Source));
            }
        }
        return lines;
    }
}
