namespace Eiec.Sim.Stats;

/// <summary>
/// One PE's figures for one layer (or a sum over a batch). Every SCAN cycle is exactly one of busy,
/// stalled, starved or drain (docs/microarchitecture.md, "Per-cycle statistics").
/// </summary>
public sealed record PeLayerStats
{
    /// <summary>SCAN cycles in which an entry issued (padding included), cycles.</summary>
    public long Busy { get; init; }
    /// <summary>Not busy, queue full while the control unit wants to broadcast, cycles.</summary>
    public long Stalled { get; init; }
    /// <summary>Not busy, nothing queued or in flight (the PE is idle), cycles.</summary>
    public long Starved { get; init; }
    /// <summary>Not busy, work in flight (a queued pair, a pointer read or the pipeline), cycles.</summary>
    public long Drain { get; init; }
    /// <summary>
    /// Broadcast-stall cycles in which this PE's queue was one of the full ones (its occupancy plus the
    /// broadcast reached D in the cycle before: it set any_full). A stall cycle with several full PEs
    /// counts once for each, so the PEs' sum is at least the layer's broadcast stalls. Not one of the
    /// exclusive classes above: a blocking PE is usually busy. Cycles.
    /// </summary>
    public long Blocking { get; init; }
    /// <summary>
    /// Broadcast-stall cycles in which this PE alone was full (the stall is all its doing); the PEs' sum
    /// is at most the layer's broadcast stalls. Cycles.
    /// </summary>
    public long BlockingAlone { get; init; }
    /// <summary>Pairs popped whose column has no entry in this PE (dropped by the pointer unit), columns.</summary>
    public long EmptyColumns { get; init; }
    /// <summary>This PE's column bound (<see cref="ColumnBound"/>), cycles.</summary>
    public long ColumnCycles { get; init; }
    /// <summary>Entries issued, padding included (equals <see cref="Busy"/>), entries.</summary>
    public long Issued { get; init; }
    /// <summary>Padding entries issued (code 0), entries.</summary>
    public long Padding { get; init; }
    /// <summary>Pointer-bank reads (one per popped pair, both banks), reads.</summary>
    public long PointerReads { get; init; }
    /// <summary>Sparse-matrix SRAM word reads, words.</summary>
    public long SpmatWordReads { get; init; }
    /// <summary>Pairs pushed into this PE's queue, pairs.</summary>
    public long QueuePushes { get; init; }
    /// <summary>Pairs popped from this PE's queue, pairs.</summary>
    public long QueuePops { get; init; }
    /// <summary>Sum over SCAN cycles of the start-of-cycle queue count, entry·cycles.</summary>
    public long QueueOccupancySum { get; init; }
    /// <summary>Start-of-cycle queue count histogram over SCAN cycles, index = entries (0..D).</summary>
    public long[] QueueOccupancy { get; init; } = [];
    /// <summary>Activation-buffer reads (group fetches), reads.</summary>
    public long ActReads { get; init; }
    /// <summary>Activation-buffer writes (LOAD, counted with layer 0, and write-back), writes.</summary>
    public long ActWrites { get; init; }
    /// <summary>Write-back rows (accumulator read + bias read + clear), rows.</summary>
    public long WriteBackRows { get; init; }

    /// <summary>Cycles the PE did not issue (stalled + starved + drain), cycles.</summary>
    public long NotBusy => Stalled + Starved + Drain;

    /// <summary>The largest start-of-cycle queue count seen, entries.</summary>
    public int QueueMax
    {
        get
        {
            for (int i = QueueOccupancy.Length - 1; i > 0; i--)
                if (QueueOccupancy[i] != 0) return i;
            return 0;
        }
    }

    public static PeLayerStats operator +(PeLayerStats x, PeLayerStats y) => new()
    {
        Busy = x.Busy + y.Busy,
        Stalled = x.Stalled + y.Stalled,
        Starved = x.Starved + y.Starved,
        Drain = x.Drain + y.Drain,
        Blocking = x.Blocking + y.Blocking,
        BlockingAlone = x.BlockingAlone + y.BlockingAlone,
        EmptyColumns = x.EmptyColumns + y.EmptyColumns,
        ColumnCycles = x.ColumnCycles + y.ColumnCycles,
        Issued = x.Issued + y.Issued,
        Padding = x.Padding + y.Padding,
        PointerReads = x.PointerReads + y.PointerReads,
        SpmatWordReads = x.SpmatWordReads + y.SpmatWordReads,
        QueuePushes = x.QueuePushes + y.QueuePushes,
        QueuePops = x.QueuePops + y.QueuePops,
        QueueOccupancySum = x.QueueOccupancySum + y.QueueOccupancySum,
        QueueOccupancy = AddHistograms(x.QueueOccupancy, y.QueueOccupancy),
        ActReads = x.ActReads + y.ActReads,
        ActWrites = x.ActWrites + y.ActWrites,
        WriteBackRows = x.WriteBackRows + y.WriteBackRows,
    };

    internal static long[] AddHistograms(long[] x, long[] y)
    {
        var sum = new long[Math.Max(x.Length, y.Length)];
        for (int i = 0; i < x.Length; i++) sum[i] += x[i];
        for (int i = 0; i < y.Length; i++) sum[i] += y[i];
        return sum;
    }
}
