using Eiec.Compiler.Image;

using Eiec.Sim.Stats;

namespace Eiec.Sim;

/// <summary>
/// One processing element: activation queue → pointer read → sparse-matrix read → arithmetic,
/// plus its activation read/write unit. <see cref="Tick"/> evaluates one SCAN cycle with Verilog
/// non-blocking semantics: every unit computes from start-of-cycle state and commits at the edge.
/// Units are evaluated back to front (arithmetic, sparse-matrix read, pointer read, queue) so each
/// reads its upstream neighbour's registers before that neighbour overwrites them.
/// Registers not named by the document as cleared (the held SRAM word, E1's row register, the
/// finished column in the sparse-matrix read unit) keep their values across layers and inferences;
/// only reset (constructing the PE) clears them.
/// </summary>
public sealed class Pe
{
    /// <summary>Flag returned by <see cref="Tick"/>: the queue is full at the end of the cycle.</summary>
    public const int FullFlag = 1;
    /// <summary>Flag returned by <see cref="Tick"/>: the PE is idle at the end of the cycle.</summary>
    public const int IdleFlag = 2;

    // Statistics per SCAN. Busy cycles are the issued entries, the occupancy sum is the histogram's
    // weighted sum and drain is the remainder, so only these are counted per cycle.
    private long _stalled;
    private long _starved;
    private readonly long[] _occupancy;
    private bool _idleAtStart = true; // Idle as of the last edge (reset state is idle)

    public Pe(int index, PeMemories memories, short[] codebook, BroadcastLog broadcasts, int fifoDepth, int activationDepth, int entriesPerWord, int entryBits, int codeBits)
    {
        Index = index;
        Queue = new ActQueue(fifoDepth, broadcasts);
        Spm = new SpmatRead(memories.Spmat, entriesPerWord);
        Ptr = new PtrRead(memories.PtrEven, memories.PtrOdd, Spm);
        Rw = new ActRw(activationDepth, memories.Bias);
        Arith = new Arith(codebook, Rw.Accumulators, entryBits, codeBits, index);
        _occupancy = new long[fifoDepth + 1];
    }

    public int Index { get; }
    public ActQueue Queue { get; }
    public PtrRead Ptr { get; }
    public SpmatRead Spm { get; }
    public Arith Arith { get; }
    public ActRw Rw { get; }

    /// <summary>PE idle (start-of-cycle): nothing queued, no column, nothing issuing, pipeline empty.</summary>
    public bool Idle => Queue.Count == 0 && !Ptr.ColV && !Spm.Have && !Arith.Busy;

    public void StartLayer(ImageLayer layer, int codebookBase)
    {
        Queue.StartLayer();
        Ptr.StartLayer(layer.PtrBase);
        Spm.StartLayer(layer.SpmatBase);
        Arith.StartLayer(layer.Index, codebookBase, layer.RowsPerPe);
        _idleAtStart = Idle;
    }

    /// <summary>
    /// One SCAN cycle. <paramref name="bc"/>: the control unit broadcasts this cycle (the pair goes
    /// into the shared <see cref="BroadcastLog"/> at the edge); <paramref name="ccuWants"/>: its mask is non-empty (it wants to
    /// broadcast). Returns <see cref="FullFlag"/> | <see cref="IdleFlag"/> for the next cycle's start.
    /// </summary>
    public int Tick(bool bc, bool ccuWants)
    {
        // An idle PE holds in every unit (the arithmetic pipeline is empty, nothing issues, no column,
        // nothing to pop): count the starved cycle and skip the units. A broadcast only lands in the queue.
        if (_idleAtStart)
        {
            _occupancy[0]++;
            _starved++;
            if (!bc) return IdleFlag;
            _idleAtStart = false;
            return Queue.Depth == 1 ? FullFlag : 0;
        }

        // Statistics of the start-of-cycle state: exactly one of busy (have), stalled, starved
        // (idle, above), drain.
        var queue = Queue;
        var spm = Spm;
        var ptr = Ptr;
        var arith = Arith;
        int count = queue.Count;
        _occupancy[count]++;
        bool have = spm.Have;
        if (!have && ccuWants && count == queue.Depth) _stalled++;

        // (Step numbers are docs/microarchitecture.md's "processing element" list.)
        // 4. Arithmetic: E3 write, E2 multiply, E1 decode from the held SRAM word.
        arith.Tick(spm.Word);
        // 1. Sparse-matrix read: issue spm_ptr into E1; take the next column when this one ends.
        bool take = spm.Tick(ptr, arith, have);
        // 2. Pointer read: pop the queue head and read p[j], p[j+1] when the column register frees.
        ptr.Tick(take, queue);
        // 3. Queue: count ← count + bc − pop (the pop already happened above; the array appends the
        //    broadcast to the shared log after every PE's tick).
        int next = queue.Count + (bc ? 1 : 0);
        int flags = next == queue.Depth ? FullFlag : 0;
        _idleAtStart = next == 0 && !ptr.ColV && !spm.Have && !arith.Busy;
        if (_idleAtStart) flags |= IdleFlag;
        return flags;
    }

    /// <summary>This PE's figures for the layer just scanned; clears the counters.</summary>
    public PeLayerStats TakeLayerStats()
    {
        long cycles = 0, occupancySum = 0;
        for (int c = 0; c < _occupancy.Length; c++)
        {
            cycles += _occupancy[c];
            occupancySum += c * _occupancy[c];
        }
        var stats = new PeLayerStats
        {
            Busy = Spm.Issued,
            Stalled = _stalled,
            Starved = _starved,
            Drain = cycles - Spm.Issued - _stalled - _starved,
            Issued = Spm.Issued,
            Padding = Arith.Padding,
            PointerReads = Ptr.Reads,
            SpmatWordReads = Spm.WordReads,
            QueuePushes = Queue.Pushes,
            QueuePops = Queue.Pops,
            QueueOccupancySum = occupancySum,
            QueueOccupancy = (long[])_occupancy.Clone(),
            ActReads = Rw.ActReads,
            ActWrites = Rw.ActWrites,
            WriteBackRows = Rw.WriteBackRows,
        };
        _stalled = _starved = 0;
        Array.Clear(_occupancy);
        Spm.ResetCounters();
        Arith.ResetCounters();
        Ptr.ResetCounters();
        Queue.ResetCounters();
        Rw.ResetCounters();
        return stats;
    }
}
