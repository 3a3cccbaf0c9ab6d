namespace Eiec.Sim.Stats;

/// <summary>
/// A PE's column bound for one layer (docs/microarchitecture.md, "Per-cycle statistics"): the cycles
/// its pointer and sparse-matrix read units need for the columns it pops, in order, when its queue
/// never runs dry. The pointer read unit pops one pair per cycle and drops empty columns; the
/// sparse-matrix read unit issues one entry per cycle. So a column of n entries followed by e empty
/// columns and another non-empty one takes max(n, 1 + e) cycles (the last non-empty column max(n, e)),
/// and empty columns before the first non-empty one take one each: with every pair queued from the
/// start, the cycles from the first pop to the last issue or drop. Fed column by column (the lengths
/// in pop order); both engines use it.
/// </summary>
public struct ColumnBound
{
    private long _cycles;
    private long _empties;
    private int _last;   // entries of the last non-empty column (0: none yet)

    /// <summary>Columns popped with no entry in this PE, columns.</summary>
    public long EmptyColumns { get; private set; }

    /// <summary>The next popped column, with <paramref name="entries"/> entries in this PE.</summary>
    public void Add(int entries)
    {
        if (entries <= 0)
        {
            _empties++;
            EmptyColumns++;
            return;
        }
        _cycles += _last > 0 ? Math.Max(_last, 1 + _empties) : _empties;
        _last = entries;
        _empties = 0;
    }

    /// <summary>The bound of the columns added so far, cycles.</summary>
    public readonly long Cycles => _last > 0 ? _cycles + Math.Max(_last, _empties) : _empties;

    public void Reset() => this = default;
}
