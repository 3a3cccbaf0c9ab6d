using Eiec.Sim.Energy;

namespace Eiec.Sim.Stats;

/// <summary>
/// One layer's figures for one inference (or summed over a batch: then every count is a total and
/// <see cref="Inferences"/> says over how many).
/// </summary>
public sealed record LayerStats
{
    public required int Index { get; init; }
    public required string Name { get; init; }
    public required int Inputs { get; init; }
    public required int Outputs { get; init; }
    /// <summary>N: processing elements.</summary>
    public required int Pes { get; init; }
    /// <summary>D: activation-queue depth, entries.</summary>
    public required int FifoDepth { get; init; }
    /// <summary>Inferences these figures add up, inferences.</summary>
    public int Inferences { get; init; } = 1;

    /// <summary>SCAN cycles: up to and including the first cycle with ccu_done and every PE idle, cycles.</summary>
    public required long ScanCycles { get; init; }
    /// <summary>WB cycles: rows_per_pe + the write-back latency (4), cycles.</summary>
    public required long WbCycles { get; init; }
    public long Cycles => ScanCycles + WbCycles;

    /// <summary>Non-zero input activations broadcast (one per non-zero column), pairs.</summary>
    public required long Broadcasts { get; init; }
    /// <summary>Control-unit cycles with a non-zero waiting but some queue full, cycles.</summary>
    public required long BroadcastStallCycles { get; init; }
    /// <summary>Activation groups fetched, groups.</summary>
    public required long GroupReads { get; init; }
    /// <summary>Control-unit cycles with a non-empty mask or a group load, cycles.</summary>
    public required long LnzdCycles { get; init; }

    /// <summary>Entries issued over all PEs, padding included, entries.</summary>
    public required long IssuedEntries { get; init; }
    /// <summary>Padding entries issued (code 0), entries.</summary>
    public required long PaddingEntries { get; init; }
    /// <summary>Multiply-accumulates that carry a stored weight (issued − padding), MACs.</summary>
    public long UsefulEntries => IssuedEntries - PaddingEntries;

    /// <summary>
    /// Ideal SCAN cycles: ceil(issued entries / N), i.e. the entries of the non-zero input columns
    /// (padding included, summed over every PE) spread perfectly over the N PEs at one entry per PE
    /// per cycle, with no pipeline fill, pointer reads or control-unit overhead. Summed per inference
    /// over a batch. Cycles.
    /// </summary>
    public required long IdealScanCycles { get; init; }
    /// <summary>
    /// Work bound: the entries of the busiest PE (one entry per PE per cycle), per inference summed
    /// over a batch. Cycles.
    /// </summary>
    public required long WorkBoundCycles { get; init; }
    /// <summary>
    /// Column bound: the largest PE column bound (<see cref="ColumnBound"/>: its entries plus the pointer
    /// reads of empty columns they cannot hide), per inference summed over a batch. Cycles.
    /// </summary>
    public required long ColumnBoundCycles { get; init; }
    /// <summary>Ideal / actual SCAN cycles (0 when the layer issued nothing).</summary>
    public double LoadBalanceEfficiency => ScanCycles == 0 ? 0 : (double)IdealScanCycles / ScanCycles;

    /// <summary>Saturation events at write-back (rows that exist), events.</summary>
    public required long Saturations { get; init; }

    /// <summary>Per-PE figures, index = PE.</summary>
    public required PeLayerStats[] PeStats { get; init; }

    /// <summary>Queue-count histogram over every PE and SCAN cycle, index = entries (0..D).</summary>
    public long[] QueueOccupancy =>
        PeStats.Select(p => p.QueueOccupancy).Aggregate(Array.Empty<long>(), PeLayerStats.AddHistograms);
    /// <summary>Mean start-of-cycle queue count over PEs and SCAN cycles, entries.</summary>
    public double QueueOccupancyMean =>
        ScanCycles == 0 ? 0 : (double)PeStats.Sum(p => p.QueueOccupancySum) / (ScanCycles * (double)Pes);
    /// <summary>Largest start-of-cycle queue count of any PE, entries.</summary>
    public int QueueMax => PeStats.Length == 0 ? 0 : PeStats.Max(p => p.QueueMax);

    /// <summary>Counted energy actions of this layer.</summary>
    public required ActionCounts Actions { get; init; }

    /// <summary>Sum of two records of the same layer (a batch).</summary>
    public static LayerStats operator +(LayerStats x, LayerStats y) => x with
    {
        Inferences = x.Inferences + y.Inferences,
        ScanCycles = x.ScanCycles + y.ScanCycles,
        WbCycles = x.WbCycles + y.WbCycles,
        Broadcasts = x.Broadcasts + y.Broadcasts,
        BroadcastStallCycles = x.BroadcastStallCycles + y.BroadcastStallCycles,
        GroupReads = x.GroupReads + y.GroupReads,
        LnzdCycles = x.LnzdCycles + y.LnzdCycles,
        IssuedEntries = x.IssuedEntries + y.IssuedEntries,
        PaddingEntries = x.PaddingEntries + y.PaddingEntries,
        IdealScanCycles = x.IdealScanCycles + y.IdealScanCycles,
        WorkBoundCycles = x.WorkBoundCycles + y.WorkBoundCycles,
        ColumnBoundCycles = x.ColumnBoundCycles + y.ColumnBoundCycles,
        Saturations = x.Saturations + y.Saturations,
        PeStats = x.PeStats.Zip(y.PeStats, (p, q) => p + q).ToArray(),
        Actions = x.Actions + y.Actions,
    };
}
