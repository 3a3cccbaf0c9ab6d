namespace Eiec.Sim;

/// <summary>
/// Sparse-matrix read unit (RTL <c>eie_spmat_read</c>): streams the entries col_start .. col_end−1 of
/// the current column, one per cycle, out of the EPW-entry sparse-matrix SRAM words. The SRAM output
/// register holds the last word read (<c>word_addr, word_v</c>): an entry in that same word is issued
/// without a new read (the held-word rule), so a column costs one read per word it touches, less one
/// if it starts in the word the previous column ended in.
/// </summary>
public sealed class SpmatRead
{
    private readonly ulong[] _spmat;
    private readonly int _entriesPerWord;
    private int _spmatBase;

    // spm = {v, ptr, end, a, first}: the column being streamed (a finished column stays here).
    private bool _v;
    private int _ptr;
    private int _end;
    private short _a;
    private bool _first;

    // The word held at the SRAM output and its address (word_v is cleared only by reset: see Pe).
    private bool _wordV;
    private int _wordAddr;
    private int _firstRead = -1;

    public SpmatRead(ulong[] spmat, int entriesPerWord)
    {
        _spmat = spmat;
        _entriesPerWord = entriesPerWord;
    }

    /// <summary>The SRAM output register: the word last read (what E1 decodes its entry from).</summary>
    public ulong Word { get; private set; }

    /// <summary>have = spm_v &amp;&amp; spm_ptr &lt; spm_end (start-of-cycle): an entry issues this cycle.</summary>
    public bool Have => _v && _ptr < _end;

    /// <summary>Sparse-matrix SRAM word reads, words.</summary>
    public long WordReads { get; private set; }
    /// <summary>Entries issued (padding included), entries.</summary>
    public long Issued { get; private set; }

    /// <summary>The held word and the first word read since reset (see <see cref="Sim.HeldWord"/>).</summary>
    public HeldWord HeldWord => new(_wordV, _wordAddr, _firstRead);

    public void StartLayer(int spmatBase) => _spmatBase = spmatBase;

    /// <summary>
    /// One cycle. Issues the entry spm_ptr into E1 (via <paramref name="arith"/>) and decides
    /// spm_take from the pointer read unit's start-of-cycle column register. Returns spm_take.
    /// </summary>
    public bool Tick(PtrRead ptr, Arith arith)
    {
        bool have = Have;
        bool last = false;
        if (have)
        {
            // Issue entry spm_ptr: read its word unless the SRAM output already holds it (the data
            // is at the SRAM output next cycle, when E1 decodes the entry).
            int wa = _spmatBase + _ptr / _entriesPerWord;
            if (!_wordV || _wordAddr != wa)
            {
                Word = (uint)wa < (uint)_spmat.Length ? _spmat[wa] : 0UL; // past the used part: zero padding
                if (!_wordV) _firstRead = wa;
                _wordAddr = wa;
                _wordV = true;
                WordReads++;
            }
            // e1 ← {valid, slot = spm_ptr mod EPW, a = spm_a, first = spm_first}.
            arith.Issue(_ptr % _entriesPerWord, _a, _first);
            Issued++;
            last = _ptr + 1 == _end;
        }
        // spm_take = (!have || last) && col_ok: the next column with entries starts right after this
        // one's last entry (the pointer read unit drops empty columns).
        bool take = (!have || last) && ptr.ColOk;
        if (take)
        {
            _v = true;
            _ptr = ptr.ColStart;
            _end = ptr.ColEnd;
            _a = ptr.ColA;
            _first = true;
        }
        else if (have)
        {
            _ptr++;
            _first = false;
        }
        return take;
    }

    public void ResetCounters()
    {
        WordReads = 0;
        Issued = 0;
    }
}
