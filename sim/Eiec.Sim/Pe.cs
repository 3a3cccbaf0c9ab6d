using Eiec.Contract.Image;
using Eiec.Sim.Stats;

namespace Eiec.Sim;

/// <summary>
/// One processing element (RTL <c>eie_pe</c>): activation queue → pointer read → sparse-matrix read
/// → arithmetic, plus its activation read/write unit. <see cref="Tick"/> evaluates one SCAN cycle with
/// Verilog non-blocking semantics: every unit computes from start-of-cycle state and commits at the
/// edge. Units are evaluated back to front (arithmetic, sparse-matrix read, pointer read, queue) so
/// each reads its upstream neighbour's registers before that neighbour overwrites them.
/// Registers not named by the document as cleared (the held SRAM word, E1's row register, the
/// finished column in the sparse-matrix read unit) keep their values across layers and inferences;
/// only reset (constructing the PE) clears them.
/// </summary>
public sealed class Pe
{
    // Per-cycle classes of this layer's SCAN cycles (docs/microarchitecture.md, "Per-cycle statistics").
    private long _busy;
    private long _stalled;
    private long _starved;
    private long _drain;
    private long _blocking;
    private long _blockingAlone;
    private long _occupancySum;
    private readonly long[] _occupancy; // [count]: SCAN cycles that started with that queue count

    public Pe(int index, PeMemories memories, short[] codebook, int fifoDepth, ActRw rw,
              int entriesPerWord, int entryBits, int codeBits)
    {
        Rw = rw;
        Queue = new ActQueue(fifoDepth);
        Ptr = new PtrRead(memories.PtrEven, memories.PtrOdd);
        Spm = new SpmatRead(memories.Spmat, entriesPerWord);
        Arith = new Arith(codebook, rw.Accumulators, entryBits, codeBits, index);
        _occupancy = new long[fifoDepth + 1];
    }

    public ActQueue Queue { get; }
    public PtrRead Ptr { get; }
    public SpmatRead Spm { get; }
    public Arith Arith { get; }
    public ActRw Rw { get; }

    /// <summary>
    /// This PE's occupancy plus last cycle's broadcast reached D: it sets any_full for this cycle (a
    /// register, like any_full itself).
    /// </summary>
    public bool Full { get; private set; }

    /// <summary>The last ticked cycle's class: <see cref="PeTimeline.Busy"/>, Stalled, Starved or −1 (drain).</summary>
    public int Class { get; private set; }
    /// <summary>The last ticked cycle was a broadcast stall this PE's full queue took part in.</summary>
    public bool Blocked { get; private set; }

    /// <summary>PE idle (start-of-cycle): nothing queued, no column, nothing issuing, pipeline empty.</summary>
    public bool Idle => Queue.Count == 0 && !Ptr.ColV && !Spm.Have && !Arith.Busy;

    public void StartLayer(ImageLayer layer, int codebookBase)
    {
        Ptr.StartLayer(layer.PtrBase);
        Spm.StartLayer(layer.SpmatBase);
        Arith.StartLayer(layer.Index, codebookBase, layer.RowsPerPe);
    }

    /// <summary>
    /// One SCAN cycle. <paramref name="busV"/>, <paramref name="j"/>, <paramref name="a"/>: the broadcast
    /// bus register (the pair the control unit broadcast last cycle), which the queue takes at the edge;
    /// <paramref name="ccuWants"/>: the control unit's mask is non-empty (it wants to broadcast), start-of-cycle;
    /// <paramref name="stall"/>: it wants but any_full holds it; <paramref name="fullPes"/>: how many PEs are
    /// <see cref="Full"/>; <paramref name="bc"/>: it broadcasts this cycle.
    /// </summary>
    public void Tick(bool busV, int j, short a, bool ccuWants, bool stall, int fullPes, bool bc)
    {
        Blocked = stall && Full;
        // Statistics of the start-of-cycle state: exactly one of busy, stalled, starved, drain. The
        // occupancy counts the pair on the bus: it is this PE's, and it holds a place (any_full).
        int count = Queue.Count + (busV ? 1 : 0);
        _occupancy[count]++;
        _occupancySum += count;
        if (Spm.Have) { _busy++; Class = PeTimeline.Busy; }
        else if (ccuWants && count == Queue.Depth) { _stalled++; Class = PeTimeline.Stalled; }
        else if (Idle && !busV) { _starved++; Class = PeTimeline.Starved; }
        else { _drain++; Class = -1; }
        // Blocking: a broadcast stall this PE's full queue causes (alone or with others).
        if (Blocked)
        {
            _blocking++;
            if (fullPes == 1) _blockingAlone++;
        }
        Full = count + (bc ? 1 : 0) >= Queue.Depth;

        // (Step numbers are docs/microarchitecture.md's "processing element" list.)
        // 4. Arithmetic: E4 write, E3 accumulator read, E2/E3 multiply, E1 decode of the held SRAM word.
        Arith.Tick(Spm.Word);
        // 1. Sparse-matrix read: issue spm_ptr into E1; take the next column when this one ends.
        bool take = Spm.Tick(Ptr, Arith);
        // 2. Pointer read: pop the queue head and read p[j], p[j+1] when the column register frees.
        Ptr.Tick(take, Queue);
        // 3. Queue: count ← count + bus − pop (the pop already happened above).
        if (busV) Queue.Push(j, a);
    }

    /// <summary>This PE's figures for the layer just scanned and written back; clears the counters.</summary>
    public PeLayerStats TakeLayerStats()
    {
        var stats = new PeLayerStats
        {
            Busy = _busy,
            Stalled = _stalled,
            Starved = _starved,
            Drain = _drain,
            Blocking = _blocking,
            BlockingAlone = _blockingAlone,
            EmptyColumns = Ptr.Bound.EmptyColumns,
            ColumnCycles = Ptr.Bound.Cycles,
            Issued = Spm.Issued,
            Padding = Arith.Padding,
            PointerReads = Ptr.Reads,
            SpmatWordReads = Spm.WordReads,
            QueuePushes = Queue.Pushes,
            QueuePops = Queue.Pops,
            QueueOccupancySum = _occupancySum,
            QueueOccupancy = (long[])_occupancy.Clone(),
        };
        _busy = _stalled = _starved = _drain = _occupancySum = _blocking = _blockingAlone = 0;
        Array.Clear(_occupancy);
        Spm.ResetCounters();
        Arith.ResetCounters();
        Ptr.ResetCounters();
        Queue.ResetCounters();
        return TopLevel.WithActivationCounts(stats, Rw);
    }
}
