namespace Eiec.Sim;

/// <summary>
/// A PE's activation queue (RTL <c>eie_act_queue</c>): a FIFO of D broadcast pairs (j, a_j) with a
/// registered count. Pushes come from the control unit's broadcast, pops from the pointer read unit;
/// both happen at the clock edge, so a pair pushed in cycle t is visible (and poppable) in cycle t+1
/// at the earliest.
/// </summary>
public sealed class ActQueue
{
    private readonly int[] _j;
    private readonly short[] _a;
    private int _head;

    public ActQueue(int depth)
    {
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, "queue depth must be at least 1");
        Depth = depth;
        _j = new int[depth];
        _a = new short[depth];
    }

    /// <summary>D: capacity, entries.</summary>
    public int Depth { get; }
    /// <summary>Registered entry count (start-of-cycle value until the edge).</summary>
    public int Count { get; private set; }
    public bool Full => Count == Depth;

    /// <summary>Pairs pushed (one per broadcast), entries.</summary>
    public long Pushes { get; private set; }
    /// <summary>Pairs popped by the pointer read unit, entries.</summary>
    public long Pops { get; private set; }

    /// <summary>Removes the head pair (the caller checked Count &gt; 0).</summary>
    public void Pop(out int j, out short a)
    {
        j = _j[_head];
        a = _a[_head];
        _head = (_head + 1) % Depth;
        Count--;
        Pops++;
    }

    /// <summary>Appends a broadcast pair (the control unit never broadcasts into a full queue).</summary>
    public void Push(int j, short a)
    {
        if (Full) throw new InvalidOperationException("broadcast into a full activation queue");
        int tail = (_head + Count) % Depth;
        _j[tail] = j;
        _a[tail] = a;
        Count++;
        Pushes++;
    }

    public void ResetCounters()
    {
        Pushes = 0;
        Pops = 0;
    }
}
