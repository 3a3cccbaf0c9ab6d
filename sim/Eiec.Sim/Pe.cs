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

    private long _busy;
    private long _stalled;
    private long _starved;
    private long _drain;
    private long _occupancySum;
    private readonly long[] _occupancy;
    private bool _idleAtStart = true; // Idle as of the last edge (reset state is idle)

    public Pe(int index, PeMemories memories, short[] codebook, int fifoDepth, int activationDepth, int entriesPerWord, int entryBits, int codeBits)
    {
        Index = index;
        Queue = new ActQueue(fifoDepth);
        Ptr = new PtrRead(memories.PtrEven, memories.PtrOdd);
        Spm = new SpmatRead(memories.Spmat, entriesPerWord);
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
        Ptr.StartLayer(layer.PtrBase);
        Spm.StartLayer(layer.SpmatBase);
        Arith.StartLayer(layer.Index, codebookBase, layer.RowsPerPe);
        _idleAtStart = Idle;
    }

    /// <summary>
    /// One SCAN cycle. <paramref name="bc"/>, <paramref name="j"/>, <paramref name="a"/>: the control
    /// unit's broadcast this cycle; <paramref name="ccuWants"/>: its mask is non-empty (it wants to
    /// broadcast). Returns <see cref="FullFlag"/> | <see cref="IdleFlag"/> for the next cycle's start.
    /// </summary>
    public int Tick(bool bc, int j, short a, bool ccuWants)
    {
        // An idle PE that receives nothing stays idle: every unit holds (the arithmetic pipeline is
        // empty, nothing issues, no column, no pop). Count the starved cycle and skip the units.
        if (_idleAtStart && !bc)
        {
            _occupancy[0]++;
            _starved++;
            return IdleFlag;
        }

        // Statistics of the start-of-cycle state: exactly one of busy, stalled, starved, drain.
        int count = Queue.Count;
        _occupancy[count]++;
        _occupancySum += count;
        bool have = Spm.Have;
        if (have) _busy++;
        else if (ccuWants && count == Queue.Depth) _stalled++;
        else if (count == 0 && !Ptr.ColV && !Arith.Busy) _starved++;
        else _drain++;

        // (Step numbers are docs/microarchitecture.md's "processing element" list.)
        // 4. Arithmetic: E3 write, E2 multiply, E1 decode from the held SRAM word.
        Arith.Tick(Spm.Word);
        // 1. Sparse-matrix read: issue spm_ptr into E1; take the next column when this one ends.
        bool take = Spm.Tick(Ptr, Arith, have);
        // 2. Pointer read: pop the queue head and read p[j], p[j+1] when the column register frees.
        Ptr.Tick(take, Queue);
        // 3. Queue: count ← count + bc − pop (the pop already happened above).
        if (bc) Queue.Push(j, a);

        int flags = Queue.Full ? FullFlag : 0;
        _idleAtStart = Idle;
        if (_idleAtStart) flags |= IdleFlag;
        return flags;
    }

    /// <summary>This PE's figures for the layer just scanned; clears the counters.</summary>
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
            ActReads = Rw.ActReads,
            ActWrites = Rw.ActWrites,
            WriteBackRows = Rw.WriteBackRows,
        };
        _busy = _stalled = _starved = _drain = _occupancySum = 0;
        Array.Clear(_occupancy);
        Spm.ResetCounters();
        Arith.ResetCounters();
        Ptr.ResetCounters();
        Queue.ResetCounters();
        Rw.ResetCounters();
        return stats;
    }
}
