namespace Eiec.Sim;

/// <summary>
/// Central control unit for SCAN (RTL <c>eie_ccu</c>): fetches activation groups (one address of every PE's source
/// buffer per read), keeps the next group (<c>nxt</c>) and the current group (<c>cur</c>) with its
/// non-zero mask, and each cycle broadcasts the lowest non-zero (the <see cref="Lnzd"/> tree) to every
/// PE's queue unless some queue is full. Both engines tick it every SCAN cycle.
/// </summary>
public sealed class Ccu
{
    private readonly int _n;
    private readonly ActRw[] _rw;
    private readonly short[] _nxtVal;
    private readonly short[] _curVal;
    private readonly ulong[] _curMask;

    private int _groups;
    private int _inputs;
    private int _source;

    // Registers (all 0 / invalid in the first cycle of SCAN).
    private int _fetchG;
    private bool _nxtValid;
    private int _nxtG;
    private int _curG;
    private int _maskBits; // population of cur_mask: cur_mask ≠ 0 ⇔ _maskBits > 0

    public Ccu(ActRw[] peActivationUnits)
    {
        _rw = peActivationUnits;
        _n = peActivationUnits.Length;
        _nxtVal = new short[_n];
        _curVal = new short[_n];
        _curMask = new ulong[(_n + 63) / 64];
    }

    /// <summary>cur_mask ≠ 0 (start-of-cycle): the control unit wants to broadcast.</summary>
    public bool Wants => _maskBits != 0;

    /// <summary>ccu_done (start-of-cycle): no pending non-zero, no fetched group, every group fetched.</summary>
    public bool Done => _maskBits == 0 && !_nxtValid && _fetchG == _groups;

    /// <summary>Broadcasts (non-zero activations sent to the PEs), pairs.</summary>
    public long Broadcasts { get; private set; }
    /// <summary>Cycles with a non-empty mask but a full queue somewhere, cycles.</summary>
    public long StallCycles { get; private set; }
    /// <summary>Group reads of the activation buffers (every PE reads one element), groups.</summary>
    public long GroupReads { get; private set; }
    /// <summary>Cycles in which the LNZD tree works: a non-empty mask or a group load, cycles.</summary>
    public long LnzdCycles { get; private set; }

    public void StartLayer(int layerIndex, int inputs, int groups)
    {
        _inputs = inputs;
        _groups = groups;
        _source = layerIndex & 1;
        _fetchG = 0;
        _nxtValid = false;
        _nxtG = 0;
        _curG = 0;
        _maskBits = 0;
        Array.Clear(_curMask);
        Array.Clear(_curVal);
    }

    /// <summary>
    /// One SCAN cycle. <paramref name="anyFull"/>: some PE's queue holds D entries (registered count).
    /// Returns bc; when true, (<paramref name="j"/>, <paramref name="a"/>) goes into every queue.
    /// </summary>
    public bool Tick(bool anyFull, out int j, out short a)
    {
        j = 0;
        a = 0;
        // 1–2. bc = (cur_mask ≠ 0) && !any_full; the LNZD picks the lowest set bit k*.
        bool wants = _maskBits != 0;
        bool bc = wants && !anyFull;
        if (wants && anyFull) StallCycles++;
        if (bc)
        {
            int k = Lnzd.LowestSetBit(_curMask);
            j = _curG * _n + k;
            a = _curVal[k];
            // 3. mask_after = cur_mask & ~(1 << k*).
            _curMask[k >> 6] &= ~(1UL << (k & 63));
            _maskBits--;
            Broadcasts++;
        }
        // 4. load_cur = (mask_after == 0) && nxt_valid: cur ← nxt, mask = non-zero and in range.
        bool loadCur = _maskBits == 0 && _nxtValid;
        if (loadCur)
        {
            _curG = _nxtG;
            int bits = 0;
            int limit = Math.Min(_n, _inputs - _nxtG * _n);
            for (int k = 0; k < _n; k++)
            {
                short v = _nxtVal[k];
                _curVal[k] = v;
                if (v != 0 && k < limit)
                {
                    _curMask[k >> 6] |= 1UL << (k & 63);
                    bits++;
                }
            }
            _maskBits = bits;
        }
        if (wants || loadCur) LnzdCycles++;
        // 5. rd = (!nxt_valid || load_cur) && fetch_g < groups: every PE reads act[l mod 2][fetch_g].
        if ((!_nxtValid || loadCur) && _fetchG < _groups)
        {
            for (int k = 0; k < _n; k++) _nxtVal[k] = _rw[k].Read(_source, _fetchG);
            _nxtG = _fetchG;
            _nxtValid = true;
            _fetchG++;
            GroupReads++;
        }
        else if (loadCur)
        {
            _nxtValid = false;
        }
        return bc;
    }

    public void ResetCounters()
    {
        Broadcasts = 0;
        StallCycles = 0;
        GroupReads = 0;
        LnzdCycles = 0;
    }
}
