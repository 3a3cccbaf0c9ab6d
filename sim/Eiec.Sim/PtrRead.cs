using System.Runtime.CompilerServices;

namespace Eiec.Sim;

/// <summary>
/// Pointer read unit: pops the queue head (j, a) and reads p[j] and p[j+1] in one cycle from the
/// even and odd single-ported pointer banks (pointer i at bank i &amp; 1, address ptr_base + i/2).
/// Its output registers <c>col = {v, start, end, a}</c> hold the column until the sparse-matrix
/// read unit takes it.
/// </summary>
public sealed class PtrRead
{
    private readonly uint[] _even;
    private readonly uint[] _odd;
    private readonly uint[][] _banks; // [j & 1]
    private int _ptrBase;
    private const int PrefetchRows = 32; // two 64-byte lines of 32-bit pointer words

    public PtrRead(uint[] even, uint[] odd, SpmatRead spm)
    {
        _even = even;
        _odd = odd;
        _banks = [even, odd];
        _spm = spm;
    }

    private readonly SpmatRead _spm; // only for the host prefetch of the column's first word

    /// <summary>col_v: a column (pointer pair plus activation) is waiting for the sparse-matrix read unit.</summary>
    public bool ColV { get; private set; }
    /// <summary>col_start = p[j]: first entry of the column, relative to the layer's first entry.</summary>
    public int ColStart { get; private set; }
    /// <summary>col_end = p[j+1]: one past the column's last entry.</summary>
    public int ColEnd { get; private set; }
    /// <summary>col_a: the column's activation a_j.</summary>
    public short ColA { get; private set; }

    /// <summary>Pointer-bank reads (both banks in one cycle count once), reads.</summary>
    public long Reads { get; private set; }

    public void StartLayer(int ptrBase) => _ptrBase = ptrBase;

    /// <summary>
    /// One cycle. <paramref name="spmTake"/> is the sparse-matrix read unit's decision this cycle
    /// (it reads col from start-of-cycle state, so this runs after it). Returns whether it popped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Tick(bool spmTake, ActQueue queue)
    {
        // pop = (!col_v || spm_take) && count > 0: the column register is free by the edge.
        if ((!ColV || spmTake) && queue.Count > 0)
        {
            queue.Pop(out int j, out short a);
            // Both banks read in the same cycle: j even → p[j] even, p[j+1] odd at the same row;
            // j odd → p[j] odd at row (j-1)/2, p[j+1] even at row (j+1)/2.
            int row = _ptrBase + (j >> 1);
            uint start, end;
            if ((j & 1) == 0) { start = Read(_even, row); end = Read(_odd, row); }
            else { start = Read(_odd, row); end = Read(_even, row + 1); }
            Reads++;
            // Host hint: pops walk the banks upwards, so fetch the rows two cache lines ahead.
            Prefetch.Element(_even, row + PrefetchRows);
            Prefetch.Element(_odd, row + PrefetchRows);
            // Next cycle col = {1, p[j], p[j+1], a}.
            ColV = true;
            ColStart = (int)start;
            ColEnd = (int)end;
            ColA = a;
            _spm.PrefetchColumn(ColStart);
            return true;
        }
        // The column was taken and nothing replaces it.
        if (spmTake) ColV = false;
        return false;
    }

    /// <summary>Event engine: pop of (j, ·) — reads p[j], p[j+1] (one pointer read) without touching col.</summary>
    internal void ReadColumn(int j, out int start, out int end)
    {
        // The same bank reads as Tick, without a branch on j's parity: p[j] is in bank j & 1 at row
        // ptr_base + j/2, p[j+1] in the other bank at that row, or the next one when j is odd.
        int row = _ptrBase + (j >> 1), odd = j & 1;
        start = (int)Read(_banks[odd], row);
        end = (int)Read(_banks[odd ^ 1], row + odd);
        Reads++;
    }

    /// <summary>Bank words past the image's used part are the zeros the memory file is padded with.</summary>
    private static uint Read(uint[] bank, int address) => (uint)address < (uint)bank.Length ? bank[address] : 0u;

    public void ResetCounters() => Reads = 0;
}
