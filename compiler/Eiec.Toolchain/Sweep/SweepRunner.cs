using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Sim;
using Eiec.Sim.Energy;
using Eiec.Sim.Stats;

namespace Eiec.Toolchain.Sweep;

/// <summary>
/// Design-space sweep: for every PE count and field combination compile the model (in memory: the
/// image is the same object ImageWriter would write), then simulate the same input at every queue
/// depth. Every configuration is checked up front (<see cref="Configurations"/>): an invalid value
/// is an error before anything runs. A valid configuration the model does not fit (capacity) yields
/// rows with <see cref="SweepRow.Error"/> set.
/// </summary>
public static class SweepRunner
{
    /// <summary>
    /// The configuration of every (field combination, PE count) point, in sweep order; throws one
    /// <see cref="EiecException"/> naming the option and value for the first invalid PE count, queue
    /// depth, field value or combination.
    /// </summary>
    public static IReadOnlyList<(IReadOnlyList<KeyValuePair<string, string>> Combo, int Pes,
        AccelConfig Config)> Configurations(
        AccelConfig baseConfig, IReadOnlyList<int> pes, IReadOnlyList<int> fifoDepths, IReadOnlyList<SweepField> fields)
    {
        if (pes.Count == 0 || fifoDepths.Count == 0)
            throw new EiecException("a sweep needs at least one PE count and one queue depth");
        foreach (int n in pes) _ = (baseConfig with { Pes = n }).Validated($"--pes {n}");
        foreach (int d in fifoDepths) _ = (baseConfig with { FifoDepth = d }).Validated($"--fifo-depth {d}");
        foreach (var f in fields)
        {
            if (f.Values.Count == 0) throw new EiecException($"--field {f.Name}: give at least one value");
            foreach (var v in f.Values) _ = ConfigFields.With(baseConfig, f.Name, v);
        }
        var points = new List<(IReadOnlyList<KeyValuePair<string, string>>, int, AccelConfig)>();
        foreach (var combo in Combinations(fields))
            foreach (int n in pes)
            {
                var where = string.Join(", ", combo.Select(f => $"{f.Key}={f.Value}").Prepend($"{n} PEs"));
                var config = combo.Aggregate(baseConfig with { Pes = n }, (c, f) =>
                    ConfigFields.With(c, f.Key, f.Value)).Validated($"sweep point {where}");
                foreach (int d in fifoDepths)
                    _ = (config with { FifoDepth = d }).Validated($"sweep point {where}, queue depth {d}");
                points.Add((combo, n, config));
            }
        return points;
    }

    public static IReadOnlyList<SweepRow> Run(CzModel model, AccelConfig baseConfig, IReadOnlyList<int> pes,
        IReadOnlyList<int> fifoDepths,
        IReadOnlyList<SweepField> fields, short[] input, int activationFracBits, EnergyTable energy, string sourceName,
        Action<string>? progress = null, int? jobs = null)
    {
        if (activationFracBits is < 0 or > 15)
            throw new EiecException($"--act-frac {activationFracBits}: activation fraction bits must be in [0, 15]");
        // Points are independent: compiled and simulated on every core (up to jobs), then put back in
        // sweep order, so the rows do not depend on the number of cores.
        var points = Configurations(baseConfig, pes, fifoDepths, fields);
        var perPoint = new List<SweepRow>[points.Count];
        var gate = new object();
        ParallelFor.Run(points.Count, i =>
        {
            var (combo, n, config) = points[i];
            var pointRows = new List<SweepRow>();
            perPoint[i] = pointRows;
            var where = string.Join(", ", combo.Select(f => $"{f.Key}={f.Value}").Prepend($"{n} PEs"));
            Simulator? simulator = null;
            string? error = null;
            try
            {
                simulator = new Simulator(ImageCompiler.Compile(model, config, activationFracBits, sourceName,
                    ImageCompiler.DefaultBalance));
            }
            catch (EiecException e) { error = e.Message; }
            foreach (int d in fifoDepths)
            {
                if (progress is not null) lock (gate) progress($"{where}, queue depth {d}");
                if (simulator is null)
                {
                    pointRows.Add(new SweepRow
                    {
                        Pes = n, FifoDepth = d, Fields = combo, Layer = -1, LayerName = "network", Error = error,
                    });
                    continue;
                }
                var stats = new Simulator(simulator.Image, new SimOptions { FifoDepth = d }).Run(input).Stats;
                var report = EnergyReport.Compute(stats, energy);
                foreach (var l in stats.Layers)
                {
                    double layerPj = EnergyReport.Pj(l.Actions, l.Cycles, stats.Pes, energy);
                    pointRows.Add(Row(n, d, combo, l.Index, l.Name, stats, [l], layerPj));
                }
                pointRows.Add(Row(n, d, combo, -1, "network", stats, stats.Layers, report.TotalPj));
            }
        }, jobs ?? -1);
        var rows = perPoint.SelectMany(r => r).ToList();
        return WithSpeedups(rows);
    }

    private static SweepRow Row(int n, int d, IReadOnlyList<KeyValuePair<string, string>> combo, int layer, string name,
        SimStats stats,
        IReadOnlyList<LayerStats> layers, double energyPj)
    {
        long scan = layers.Sum(l => l.ScanCycles), wb = layers.Sum(l => l.WbCycles),
            ideal = layers.Sum(l => l.IdealScanCycles);
        long issued = layers.Sum(l => l.IssuedEntries), padding = layers.Sum(l => l.PaddingEntries);
        return new SweepRow
        {
            Pes = n, FifoDepth = d, Fields = combo, Layer = layer, LayerName = name,
            ScanCycles = scan, WbCycles = wb, Cycles = scan + wb, IdealScanCycles = ideal,
            LoadBalanceEfficiency = scan == 0 ? 0 : (double)ideal / scan,
            IssuedEntries = issued, PaddingEntries = padding,
            UsefulGops = stats.Gops(issued - padding, scan + wb), IssuedGops = stats.Gops(issued, scan + wb),
            LatencyUs = stats.Microseconds(scan + wb), BroadcastStallCycles = layers.Sum(l => l.BroadcastStallCycles),
            EnergyPj = energyPj,
        };
    }

    /// <summary>Speedup over the smallest PE count that ran, per (queue depth, fields, layer).</summary>
    private static List<SweepRow> WithSpeedups(List<SweepRow> rows)
    {
        var baseRows = rows.Where(r => r.Error is null)
            .GroupBy(r => (r.FifoDepth, r.FieldKey, r.Layer))
            .ToDictionary(g => g.Key, g => g.MinBy(r => r.Pes)!);
        return rows.Select(r => r.Error is null && baseRows.TryGetValue((r.FifoDepth, r.FieldKey, r.Layer), out var b)
            ? r with { Speedup = (double)b.Cycles / r.Cycles, IdealSpeedup = (double)r.Pes / b.Pes }
            : r).ToList();
    }

    private static IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> Combinations(
        IReadOnlyList<SweepField> fields)
    {
        IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> combos = [Array.Empty<KeyValuePair<string, string>>()];
        foreach (var f in fields)
            combos = combos.SelectMany(c => f.Values.Select(v =>
                (IReadOnlyList<KeyValuePair<string, string>>)c.Append(new(f.Name, v)).ToArray())).ToList();
        return combos;
    }
}
