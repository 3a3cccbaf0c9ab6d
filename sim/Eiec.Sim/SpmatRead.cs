using System.Runtime.CompilerServices;

namespace Eiec.Sim;

/// <summary>
/// Sparse-matrix read unit: streams the entries col_start .. col_end−1 of the current column, one
/// per cycle, out of the EPW-entry sparse-matrix SRAM words. The SRAM output register holds the last
/// word read (<c>word_addr, word_v</c>): an entry in that same word is issued without a new read
/// (the held-word rule), so a column costs one read per word it touches, less one if it starts in
/// the word the previous column ended in.
/// </summary>
public sealed class SpmatRead
{
    private readonly ulong[] _spmat;
    private readonly int _epwLog2;
    private readonly int _slotMask;
    private int _spmatBase;

    public SpmatRead(ulong[] spmat, int entriesPerWord)
    {
        _spmat = spmat;
        _epwLog2 = System.Numerics.BitOperations.Log2((uint)entriesPerWord);
        _slotMask = entriesPerWord - 1;
    }

    // spm = {v, ptr, end, a, first}: the column being streamed. The simulator keeps only how many
    // of its entries are still to issue (spm_end − spm_ptr): the entries themselves go to the
    // arithmetic unit when the column is taken (see Arith).
    private int _remaining;

    // The word held at the SRAM output and its address (word_v is cleared only by reset: see Pe).
    private bool _wordV;
    private int _wordAddr;

    /// <summary>have = spm_v &amp;&amp; spm_ptr &lt; spm_end (start-of-cycle): an entry issues this cycle.</summary>
    public bool Have => _remaining > 0;

    /// <summary>spm_end − spm_ptr: entries of the column still to issue (start-of-cycle).</summary>
    public int Remaining => _remaining;

    /// <summary>
    /// <paramref name="cycles"/> cycles that each issued an entry and were not the column's last
    /// (no take): the simulator skipped them (see <see cref="Pe"/>) and catches up here.
    /// </summary>
    public void Streamed(int cycles) => _remaining -= cycles;

    /// <summary>Sparse-matrix SRAM word reads, words.</summary>
    public long WordReads { get; private set; }
    /// <summary>Entries issued (padding included), entries.</summary>
    public long Issued { get; private set; }

    public void StartLayer(int spmatBase) => _spmatBase = spmatBase;

    /// <summary>Host hint from the pointer read unit: a column starting at entry <paramref name="start"/> is next.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchColumn(int start) => Prefetch.Element(_spmat, _spmatBase + (start >> _epwLog2));

    /// <summary>
    /// One cycle. Issues the entry spm_ptr (one per cycle while <paramref name="have"/>) and decides
    /// spm_take from the pointer read unit's start-of-cycle column register. <paramref name="have"/>
    /// is <see cref="Have"/> as of the start of the cycle (the caller has it already). Returns spm_take.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Tick(PtrRead ptr, Arith arith, bool have)
    {
        // Issue entry spm_ptr (its word read and E1 were done when the column was taken); last entry?
        bool last = false;
        if (have) last = --_remaining == 0;
        // spm_take = (!have || last) && col_v: the next column starts right after this one's last entry.
        bool take = (!have || last) && ptr.ColV;
        if (take) Take(ptr.ColStart, ptr.ColEnd, ptr.ColA, arith);
        return take;
    }

    /// <summary>
    /// spm ← {1, col_start, col_end, col_a, first}. The entries issue in the following cycles, one per
    /// cycle in order, whatever else happens; their SRAM reads (the held-word rule) and their
    /// arithmetic depend on nothing but the column, so they are counted and computed here at once.
    /// </summary>
    /// <summary>Event engine: the column is taken (entries counted and computed at once); nothing remains to issue after.</summary>
    internal void TakeColumn(int start, int end, short a, Arith arith)
    {
        Take(start, end, a, arith);
        _remaining = 0;
    }

    /// <summary>
    /// Event engine: takes <paramref name="count"/> columns in order, column i being entries
    /// starts[off + i] .. + lens[off + i] with activation acts[i]; the same reads and arithmetic as
    /// <see cref="TakeColumn"/> on each, in one loop.
    /// </summary>
    internal void TakeColumns(int[] starts, int[] lens, int off, short[] acts, int count, Arith arith)
    {
        bool wordV = _wordV;
        int wordAddr = _wordAddr;
        ulong word = Word;
        long reads = 0;
        Issued += arith.StreamColumns(_spmat, _spmatBase, _epwLog2, ref wordV, ref wordAddr, ref word, ref reads, starts, lens, off, acts, count);
        _wordV = wordV;
        _wordAddr = wordAddr;
        Word = word;
        WordReads += reads;
        _remaining = 0;
    }

    private void Take(int start, int end, short a, Arith arith)
    {
        _remaining = end - start;
        if (start >= end) return;
        Issued += end - start;
        int epw = _slotMask + 1;
        for (int p = start; p < end; )
        {
            // Issue entries p .. up to the end of p's word: read the word unless the SRAM output holds it.
            int wa = _spmatBase + (p >> _epwLog2);
            if (!_wordV || _wordAddr != wa)
            {
                Word = (uint)wa < (uint)_spmat.Length ? _spmat[wa] : 0UL;
                _wordAddr = wa;
                _wordV = true;
                WordReads++;
                // Host hint: the stream moves forward through the words; fetch two lines ahead.
                Prefetch.Element(_spmat, wa + 16);
            }
            int slot = p & _slotMask;
            int n = Math.Min(end - p, epw - slot);
            // e1 ← {valid, slot = spm_ptr mod EPW, a = spm_a, first = spm_first}, then E1–E3.
            arith.Entries(Word, slot, n, a, p == start);
            p += n;
        }
    }

    /// <summary>The SRAM output register: the word last read (what E1 decodes its entry from).</summary>
    public ulong Word { get; private set; }

    public void ResetCounters()
    {
        WordReads = 0;
        Issued = 0;
    }
}
