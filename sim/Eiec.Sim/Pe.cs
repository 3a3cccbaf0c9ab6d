using Eiec.Contract.Image;

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
/// Host shortcut (exact): a PE streaming a column with the next one waiting in col only issues and
/// watches its queue count for the column's remaining cycles, so the array skips it until the
/// column's last cycle (<see cref="WakeCycle"/>), or until a broadcast when it has nothing to pop, and <c>Wake</c> catches its state and statistics up.
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
    // Streaming sleep (see Tick): skipped cycles [_sleepFrom, _wake), queue length of the log then.
    private long _wake;
    private long _sleepFrom = -1;
    private int _sleepLog;

    public Pe(int index, PeMemories memories, short[] codebook, BroadcastLog broadcasts, int fifoDepth, ActRw rw, int entriesPerWord, int entryBits, int codeBits)
    {
        // The activation unit and its large buffers come from the caller, so the small per-cycle
        // objects allocated here sit together in memory (host cache locality).
        Index = index;
        Rw = rw;
        Queue = new ActQueue(fifoDepth, broadcasts);
        Spm = new SpmatRead(memories.Spmat, entriesPerWord);
        Ptr = new PtrRead(memories.PtrEven, memories.PtrOdd, Spm);
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
    public int Tick(bool bc, bool ccuWants, long cycle)
    {
        if (_sleepFrom >= 0) Wake(cycle);

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
        // 4. Arithmetic: E3 write, E2 multiply, E1 decode of the entry issued last cycle.
        arith.Tick(have);
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
        // Streaming: with a column waiting in col, the next Remaining − 1 cycles each issue an entry
        // and are not the column's last, so nothing is taken or popped and only the queue's count
        // moves (with the broadcasts). The simulator skips them and catches up in Wake.
        // With col empty and the queue empty the same holds until a broadcast lands (the array wakes
        // the PE the cycle after the next broadcast: WaitsForBroadcast).
        WaitsForBroadcast = false;
        if (spm.Remaining >= 2 && flags == 0 && (ptr.ColV || next == 0))
        {
            WaitsForBroadcast = !ptr.ColV;
            Sleep(cycle, queue.Log.Length + (bc ? 1 : 0));
        }
        return flags;
    }

    /// <summary>Asleep with nothing to pop: must tick again the cycle after the next broadcast (earlier is always exact).</summary>
    public bool WaitsForBroadcast { get; private set; }

    /// <summary>The PE is skipped in the cycles before this one (streaming sleep; 0 when awake).</summary>
    public long WakeCycle => _wake;

    private void Sleep(long cycle, int logLength)
    {
        _sleepFrom = cycle + 1;
        _wake = cycle + Spm.Remaining;
        _sleepLog = logLength;
        Queue.Log.AddFullWaiter(Queue.Head, 1);
    }

    /// <summary>Catch up the skipped cycles [_sleepFrom, <paramref name="cycle"/>): issues, pipeline, queue occupancy.</summary>
    private void Wake(long cycle)
    {
        var log = Queue.Log;
        int head = Queue.Head;
        log.AddFullWaiter(head, -1);
        int skipped = (int)(cycle - _sleepFrom);
        Spm.Streamed(skipped);
        Arith.Streamed(skipped);
        // Occupancy: the count is (pairs in the log) − head, and grows one cycle after each broadcast.
        long from = _sleepFrom;
        int count = _sleepLog - head;
        for (int b = _sleepLog; b < log.Length; b++)
        {
            long until = log.CycleOf(b) + 1;
            _occupancy[count++] += until - from;
            from = until;
        }
        _occupancy[count] += cycle - from;
        _sleepFrom = -1;
        _wake = 0;
    }

    /// <summary>Event engine: the SCAN's per-cycle classes, derived from event times; the PE ends idle.</summary>
    internal void AddEventStats(long stalled, long starved, long[] occupancy)
    {
        _stalled += stalled;
        _starved += starved;
        for (int c = 0; c < _occupancy.Length; c++) _occupancy[c] += occupancy[c];
        _idleAtStart = true;
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
