using Eiec.Sim.Stats;

namespace Eiec.Sim;

/// <summary>
/// Pointer read unit (RTL <c>eie_ptr_read</c>): pops the queue head (j, a) and reads p[j] and p[j+1]
/// in one cycle from the even and odd single-ported pointer banks (pointer i at bank i &amp; 1, address
/// ptr_base + i/2). Its output registers <c>col = {v, start, end, a}</c> hold the column until the
/// sparse-matrix read unit takes it; an empty column (p[j] = p[j+1]) is dropped in the cycle it is
/// there, and that cycle may pop the next pair, so empty columns never reach the sparse-matrix unit.
/// </summary>
public sealed class PtrRead
{
    private readonly uint[] _even;
    private readonly uint[] _odd;
    private int _ptrBase;
    private ColumnBound _bound;

    public PtrRead(uint[] even, uint[] odd)
    {
        _even = even;
        _odd = odd;
    }

    /// <summary>col_v: a column (pointer pair plus activation) is waiting for the sparse-matrix read unit.</summary>
    public bool ColV { get; private set; }
    /// <summary>col_start = p[j]: first entry of the column, relative to the layer's first entry.</summary>
    public int ColStart { get; private set; }
    /// <summary>col_end = p[j+1]: one past the column's last entry.</summary>
    public int ColEnd { get; private set; }
    /// <summary>col_ok = col_v &amp;&amp; p[j] ≠ p[j+1]: the column register holds a column with entries.</summary>
    public bool ColOk => ColV && ColStart != ColEnd;
    /// <summary>col_a: the column's activation a_j.</summary>
    public short ColA { get; private set; }

    /// <summary>Pointer-bank reads (both banks in one cycle count once), reads.</summary>
    public long Reads { get; private set; }
    /// <summary>The popped columns' bound and empty-column count since the last reset.</summary>
    public ColumnBound Bound => _bound;

    public void StartLayer(int ptrBase) => _ptrBase = ptrBase;

    /// <summary>
    /// One cycle. <paramref name="spmTake"/> is the sparse-matrix read unit's decision this cycle
    /// (it reads col from start-of-cycle state, so this runs after it).
    /// </summary>
    public void Tick(bool spmTake, ActQueue queue)
    {
        // pop = (!col_ok || spm_take) && count > 0: the column register is free by the edge (it is
        // empty, holds an empty column being dropped, or its column was just taken).
        if ((!ColOk || spmTake) && queue.Count > 0)
        {
            queue.Pop(out int j, out short a);
            // Both banks read in the same cycle: j even → p[j] even, p[j+1] odd at the same row;
            // j odd → p[j] odd at row (j-1)/2, p[j+1] even at row (j+1)/2.
            int row = _ptrBase + j / 2;
            uint start, end;
            if (j % 2 == 0) { start = Read(_even, row); end = Read(_odd, row); }
            else { start = Read(_odd, row); end = Read(_even, row + 1); }
            Reads++;
            _bound.Add(end > start ? (int)(end - start) : 0);
            // Next cycle col = {1, p[j], p[j+1], a}.
            ColV = true;
            ColStart = (int)start;
            ColEnd = (int)end;
            ColA = a;
        }
        else if (spmTake || !ColOk)
        {
            // The column was taken, or was empty and is dropped, and nothing replaces it.
            ColV = false;
        }
    }

    /// <summary>Bank words past the image's used part are the zeros the memory file is padded with.</summary>
    private static uint Read(uint[] bank, int address) => (uint)address < (uint)bank.Length ? bank[address] : 0u;

    public void ResetCounters()
    {
        Reads = 0;
        _bound.Reset();
    }
}
