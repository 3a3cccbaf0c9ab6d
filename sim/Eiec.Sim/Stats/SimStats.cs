using Eiec.Sim.Energy;

namespace Eiec.Sim.Stats;

/// <summary>
/// Statistics of one simulation (one inference, or a batch summed): per layer, per PE, and the
/// derived figures at the clock. Throughput counts 2 ops per multiply-accumulate, in two flavours:
/// <b>useful</b> (stored weights only) and <b>issued</b> (padding included, i.e. every MAC the
/// hardware performs). Both are divided by all counted cycles (SCAN + WB).
/// </summary>
public sealed record SimStats
{
    /// <summary>Clock used for the time-based figures, MHz.</summary>
    public required double ClockMhz { get; init; }
    public required int Pes { get; init; }
    public required int FifoDepth { get; init; }
    public int Inferences { get; init; } = 1;
    public required IReadOnlyList<LayerStats> Layers { get; init; }

    public long ScanCycles => Layers.Sum(l => l.ScanCycles);
    public long WbCycles => Layers.Sum(l => l.WbCycles);
    /// <summary>All counted cycles (SCAN + WB of every layer, every inference), cycles.</summary>
    public long Cycles => ScanCycles + WbCycles;
    public long IssuedEntries => Layers.Sum(l => l.IssuedEntries);
    public long PaddingEntries => Layers.Sum(l => l.PaddingEntries);
    public long UsefulEntries => IssuedEntries - PaddingEntries;
    public long IdealScanCycles => Layers.Sum(l => l.IdealScanCycles);
    public long WorkBoundCycles => Layers.Sum(l => l.WorkBoundCycles);
    public long ColumnBoundCycles => Layers.Sum(l => l.ColumnBoundCycles);
    public double LoadBalanceEfficiency => ScanCycles == 0 ? 0 : (double)IdealScanCycles / ScanCycles;
    public long BroadcastStallCycles => Layers.Sum(l => l.BroadcastStallCycles);
    public long Saturations => Layers.Sum(l => l.Saturations);
    public ActionCounts Actions => ActionCounts.Sum(Layers.Select(l => l.Actions));

    /// <summary>Latency of one inference (counted cycles only: LOAD and OUT excluded), µs.</summary>
    public double LatencyUs => Microseconds(Cycles) / Inferences;
    public double UsefulGops => Gops(UsefulEntries, Cycles);
    public double IssuedGops => Gops(IssuedEntries, Cycles);

    /// <summary>Cycles → µs at <see cref="ClockMhz"/>.</summary>
    public double Microseconds(long cycles) => cycles / ClockMhz;

    /// <summary>
    /// GOP/s of <paramref name="macs"/> multiply-accumulates (2 ops each) done in
    /// <paramref name="cycles"/> cycles.
    /// </summary>
    public double Gops(long macs, long cycles) => cycles == 0 ? 0 : 2.0 * macs * ClockMhz / cycles / 1000.0;

    /// <summary>Per-PE figures summed over the layers, index = PE.</summary>
    public PeLayerStats[] PeTotals => Enumerable.Range(0, Pes)
        .Select(k => Layers.Select(l => l.PeStats[k]).Aggregate(new PeLayerStats(), (x, y) => x + y)).ToArray();

    /// <summary>Sum of two simulations of the same image (a batch).</summary>
    public static SimStats operator +(SimStats x, SimStats y) => x with
    {
        Inferences = x.Inferences + y.Inferences,
        Layers = x.Layers.Zip(y.Layers, (p, q) => p + q).ToArray(),
    };

    /// <summary>Every statistic with its unit and description (gem5 stats.txt style).</summary>
    public IEnumerable<Stat> Describe()
    {
        string clock = $"at {ClockMhz:0.###} MHz";
        yield return new Stat("sim.clock", ClockMhz, "MHz", "Clock frequency used for time, throughput and power");
        yield return new Stat("sim.pes", Pes, "PE", "Processing elements (N)");
        yield return new Stat("sim.fifo_depth", FifoDepth, "entry", "Activation-queue depth per PE (D)");
        yield return new Stat("sim.inferences", Inferences, "inference", "Input vectors simulated");
        foreach (var s in Common("sim", "all layers", Cycles, ScanCycles, WbCycles, IssuedEntries, PaddingEntries,
                     IdealScanCycles, BroadcastStallCycles, Saturations, clock))
            yield return s;
        foreach (var (action, count) in Actions.ToDictionary())
            yield return new Stat($"sim.actions.{action}", count, "action",
                $"Counted '{action}' actions (energy-table key)");
        var totals = PeTotals;
        for (int k = 0; k < totals.Length; k++)
            foreach (var s in PeStats($"sim.pe{k}", totals[k], ScanCycles)) yield return s;

        foreach (var l in Layers)
        {
            string p = $"layer{l.Index}";
            string what = $"layer {l.Index} '{l.Name}' ({l.Inputs}→{l.Outputs})";
            foreach (var s in Common(p, what, l.Cycles, l.ScanCycles, l.WbCycles, l.IssuedEntries, l.PaddingEntries,
                         l.IdealScanCycles, l.BroadcastStallCycles, l.Saturations, clock))
                yield return s;
            yield return new Stat($"{p}.broadcasts", l.Broadcasts, "pair", $"Non-zero activations broadcast, {what}");
            yield return new Stat($"{p}.work_bound_cycles", l.WorkBoundCycles, "cycle",
                $"Entries of the busiest PE (one per cycle) per inference, {what}");
            yield return new Stat($"{p}.column_bound_cycles", l.ColumnBoundCycles, "cycle",
                $"Largest PE column bound (entries plus the empty-column pops they cannot hide) per inference, {what}");
            yield return new Stat($"{p}.group_reads", l.GroupReads, "group",
                $"Activation groups fetched by the control unit, {what}");
            yield return new Stat($"{p}.lnzd_cycles", l.LnzdCycles, "cycle",
                $"Control-unit cycles with a non-empty mask or a group load, {what}");
            yield return new Stat($"{p}.queue_occupancy_mean", l.QueueOccupancyMean, "entry",
                $"Mean start-of-cycle queue count over PEs and SCAN cycles, {what}");
            yield return new Stat($"{p}.queue_occupancy_max", l.QueueMax, "entry",
                $"Largest start-of-cycle queue count of any PE, {what}");
            var histogram = l.QueueOccupancy;
            for (int i = 0; i < histogram.Length; i++)
                yield return new Stat($"{p}.queue_occupancy::{i}", histogram[i], "PE·cycle",
                    $"SCAN PE-cycles starting with {i} queued pairs, {what}");
            for (int k = 0; k < l.PeStats.Length; k++)
                foreach (var s in PeStats($"{p}.pe{k}", l.PeStats[k], l.ScanCycles)) yield return s;
        }
    }

    private IEnumerable<Stat> Common(string p, string what, long cycles, long scan, long wb, long issued, long padding,
        long ideal, long stalls, long saturations, string clock)
    {
        yield return new Stat($"{p}.cycles", cycles, "cycle", $"Counted cycles (SCAN + WB), {what}");
        yield return new Stat($"{p}.scan_cycles", scan, "cycle", $"SCAN cycles, {what}");
        yield return new Stat($"{p}.wb_cycles", wb, "cycle", $"Write-back cycles (rows_per_pe + 4 per layer), {what}");
        yield return new Stat($"{p}.latency", Microseconds(cycles) / Inferences, "µs",
            $"Time per inference {clock}, {what}");
        yield return new Stat($"{p}.issued_entries", issued, "entry",
            $"Entries issued over all PEs, padding included, {what}");
        yield return new Stat($"{p}.padding_entries", padding, "entry",
            $"Padding entries issued (code 0, zero-run overflow), {what}");
        yield return new Stat($"{p}.useful_entries", issued - padding, "MAC",
            $"Multiply-accumulates with a stored weight, {what}");
        yield return new Stat($"{p}.throughput_useful", Gops(issued - padding, cycles), "GOP/s",
            $"Useful throughput {clock}: 2 ops per non-padding MAC / counted time, {what}");
        yield return new Stat($"{p}.throughput_issued", Gops(issued, cycles), "GOP/s",
            $"Issued throughput {clock}: 2 ops per MAC incl. padding / counted time, {what}");
        yield return new Stat($"{p}.ideal_scan_cycles", ideal, "cycle",
            $"ceil(issued entries / N) per inference: the work spread perfectly over the PEs, {what}");
        yield return new Stat($"{p}.load_balance_efficiency", scan == 0 ? 0 : (double)ideal / scan, "ratio",
            $"Ideal / actual SCAN cycles, {what}");
        yield return new Stat($"{p}.broadcast_stall_cycles", stalls, "cycle",
            $"Control-unit cycles with a non-zero ready but some queue full, {what}");
        yield return new Stat($"{p}.saturations", saturations, "event",
            $"Write-back results clamped to 16 bits, {what}");
    }

    private static IEnumerable<Stat> PeStats(string p, PeLayerStats s, long scanCycles)
    {
        yield return new Stat($"{p}.busy", s.Busy, "cycle", "SCAN cycles issuing an entry");
        yield return new Stat($"{p}.stalled", s.Stalled, "cycle",
            "SCAN cycles not busy with a full queue while the control unit wants to broadcast");
        yield return new Stat($"{p}.starved", s.Starved, "cycle",
            "SCAN cycles not busy with nothing queued or in flight");
        yield return new Stat($"{p}.drain", s.Drain, "cycle",
            "SCAN cycles not busy with work in flight (queued pair, pointer read or pipeline)");
        yield return new Stat($"{p}.blocking", s.Blocking, "cycle",
            "Broadcast-stall cycles with this PE's queue full (each full PE counts the cycle)");
        yield return new Stat($"{p}.blocking_alone", s.BlockingAlone, "cycle",
            "Broadcast-stall cycles with this PE's queue the only full one");
        yield return new Stat($"{p}.empty_columns", s.EmptyColumns, "column",
            "Columns popped with no entry in this PE (dropped by the pointer read unit)");
        yield return new Stat($"{p}.column_cycles", s.ColumnCycles, "cycle",
            "Column bound: entries plus the empty-column pops they cannot hide");
        yield return new Stat($"{p}.padding", s.Padding, "entry", "Padding entries issued");
        yield return new Stat($"{p}.pointer_reads", s.PointerReads, "read", "Pointer reads (pairs popped)");
        yield return new Stat($"{p}.spmat_word_reads", s.SpmatWordReads, "word", "Sparse-matrix SRAM word reads");
        double occupancyMean = scanCycles == 0 ? 0 : (double)s.QueueOccupancySum / scanCycles;
        yield return new Stat($"{p}.queue_occupancy_mean", occupancyMean, "entry", "Mean start-of-cycle queue count");
        yield return new Stat($"{p}.queue_occupancy_max", s.QueueMax, "entry", "Largest start-of-cycle queue count");
    }
}
