using System.Runtime.CompilerServices;

namespace Eiec.Sim;

/// <summary>
/// A PE's activation queue: a FIFO of D broadcast pairs (j, a_j) with a registered count. Pushes
/// come from the control unit's broadcast, pops from the pointer read unit; both happen at the clock
/// edge, so a pair pushed in cycle t is visible (and poppable) in cycle t+1 at the earliest.
/// Every queue receives the same broadcasts, so the simulator keeps one <see cref="BroadcastLog"/>
/// per layer and a queue is the window [head, log end) of it: a push is one append for all PEs,
/// count = pushes − pops.
/// </summary>
public sealed class ActQueue
{
    private readonly BroadcastLog _log;
    private int _head;       // log index of the queue's head pair
    private int _pushesBase; // log length at the last counter reset

    public ActQueue(int depth, BroadcastLog log)
    {
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, "queue depth must be at least 1");
        Depth = depth;
        _log = log;
    }

    /// <summary>D: capacity, entries.</summary>
    public int Depth { get; }
    /// <summary>Registered entry count (start-of-cycle value until the edge).</summary>
    public int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _log.Length - _head;
    }
    public bool Full => Count == Depth;

    /// <summary>Pairs pushed (one per broadcast), entries.</summary>
    public long Pushes => _log.Length - _pushesBase;
    /// <summary>Pairs popped by the pointer read unit, entries.</summary>
    public long Pops { get; private set; }

    /// <summary>The shared broadcast log this queue is a window of.</summary>
    public BroadcastLog Log => _log;

    /// <summary>Log index of the head pair (pairs popped this SCAN).</summary>
    public int Head => _head;

    /// <summary>SCAN starts with every queue empty (the previous SCAN ended with all PEs idle) and the log cleared.</summary>
    public void StartLayer()
    {
        _head = 0;
        _pushesBase = 0;
    }

    /// <summary>Removes the head pair (the caller checked Count &gt; 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Pop(out int j, out short a)
    {
        var pair = _log.At(_head++);
        j = pair.J;
        a = pair.A;
        Pops++;
    }

    /// <summary>Event engine: every pair of the log was popped.</summary>
    internal void PopAll()
    {
        Pops += _log.Length - _head;
        _head = _log.Length;
    }

    public void ResetCounters()
    {
        _pushesBase = _log.Length;
        Pops = 0;
    }
}

/// <summary>
/// The broadcast pairs of one SCAN in order: the shared contents of every PE's <see cref="ActQueue"/>
/// (a simulator device, not a hardware unit). The array appends a pair at the edge of a broadcast cycle.
/// </summary>
public sealed class BroadcastLog
{
    private Pair[] _pairs;
    private long[] _cycles;      // SCAN cycle of each broadcast (the pair lands at that cycle's edge)
    private int[] _fullWaiters;  // [n]: sleeping PEs whose queue is full once the log holds n pairs
    private readonly int _depth;

    public BroadcastLog(int capacity, int depth)
    {
        _depth = depth;
        _pairs = new Pair[Math.Max(1, capacity)];
        _cycles = new long[_pairs.Length];
        _fullWaiters = new int[_pairs.Length + depth + 1];
    }

    /// <summary>Pairs broadcast so far in this SCAN.</summary>
    public int Length { get; private set; }

    /// <summary>Starts a SCAN that broadcasts at most <paramref name="capacity"/> pairs (its layer's inputs).</summary>
    public void Clear(int capacity)
    {
        if (_pairs.Length < capacity)
        {
            _pairs = new Pair[capacity];
            _cycles = new long[capacity];
            _fullWaiters = new int[capacity + _depth + 1];
        }
        Length = 0;
    }

    /// <summary>The broadcast of <paramref name="cycle"/> lands in every queue at its edge.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(int j, short a, long cycle)
    {
        _cycles[Length] = cycle;
        _pairs[Length++] = new Pair(j, a);
    }

    /// <summary>SCAN cycle at whose edge pair <paramref name="index"/> landed.</summary>
    public long CycleOf(int index) => _cycles[index];

    /// <summary>A sleeping PE's queue with head <paramref name="head"/> is full once the log holds head + D pairs.</summary>
    public void AddFullWaiter(int head, int delta) => _fullWaiters[head + _depth] += delta;

    /// <summary>Some sleeping PE's queue is full when the log holds <paramref name="length"/> pairs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool SleeperFull(int length) => _fullWaiters[length] != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Pair At(int index) => _pairs[index];

    internal readonly record struct Pair(int J, short A);
}
