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
    /// <paramref name="ccuWants"/>: the control unit's mask is non-empty (it wants to broadcast), start-of-cycle.
    /// </summary>
    public void Tick(bool busV, int j, short a, bool ccuWants)
    {
        // Statistics of the start-of-cycle state: exactly one of busy, stalled, starved, drain. The
        // occupancy counts the pair on the bus: it is this PE's, and it holds a place (any_full).
        int count = Queue.Count + (busV ? 1 : 0);
        _occupancy[count]++;
        _occupancySum += count;
        if (Spm.Have) _busy++;
        else if (ccuWants && count == Queue.Depth) _stalled++;
        else if (Idle && !busV) _starved++;
        else _drain++;

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
            Issued = Spm.Issued,
            Padding = Arith.Padding,
            PointerReads = Ptr.Reads,
            SpmatWordReads = Spm.WordReads,
            QueuePushes = Queue.Pushes,
            QueuePops = Queue.Pops,
            QueueOccupancySum = _occupancySum,
            QueueOccupancy = (long[])_occupancy.Clone(),
        };
        _busy = _stalled = _starved = _drain = _occupancySum = 0;
        Array.Clear(_occupancy);
        Spm.ResetCounters();
        Arith.ResetCounters();
        Ptr.ResetCounters();
        Queue.ResetCounters();
        return TopLevel.WithActivationCounts(stats, Rw);
    }
}
