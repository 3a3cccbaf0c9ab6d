using Eiec.Contract.Diagnostics;

namespace Eiec.Sim;

/// <summary>
/// Arithmetic unit (RTL <c>eie_arith</c>): a fixed four-stage pipeline after the issue cycle that
/// never stalls. E1 decodes the entry from the SRAM output word, accumulates the row address and looks
/// up the codebook; E2 and E3 multiply (signed 16×16, split in two 16×8 halves in the RTL: the values
/// are the same, so here E2 forms the product and E3 carries it) and E3 reads the accumulator; E4 adds
/// and writes back. The accumulator RAM is read-first, so when E4 hits the row E4 wrote in the previous
/// cycle it takes that previous sum from the bypass register instead of the stale RAM output.
/// </summary>
public sealed class Arith
{
    private readonly short[] _codebook;
    private readonly long[] _acc;
    private readonly int _entryBits;
    private readonly int _codeBits;
    private readonly int _pe;
    private int _codebookBase;
    private int _rows;
    private int _layer;

    // E1 registers: the issued entry's slot in the SRAM output word, its activation and first flag,
    // and the last row E1 produced (address accumulation).
    private bool _e1V;
    private int _e1Slot;
    private short _e1A;
    private bool _e1First;
    private int _rowPrev;
    // E2 registers: row, codebook value, activation.
    private bool _e2V;
    private int _e2Row;
    private short _e2W;
    private short _e2A;
    // E3 registers: row, product.
    private bool _e3V;
    private int _e3Row;
    private int _e3Product;
    // E4 registers: row, product, and the accumulator RAM's output (the read E3 issued).
    private bool _e4V;
    private int _e4Row;
    private int _e4Product;
    private long _e4AccData;
    // Bypass register: E4's result of the previous cycle.
    private bool _bypV;
    private int _bypRow;
    private long _bypSum;

    public Arith(short[] codebook, long[] accumulators, int entryBits, int codeBits, int pe)
    {
        _codebook = codebook;
        _acc = accumulators;
        _entryBits = entryBits;
        _codeBits = codeBits;
        _pe = pe;
    }

    /// <summary>Some stage holds an entry (start-of-cycle).</summary>
    public bool Busy => _e1V || _e2V || _e3V || _e4V;

    /// <summary>Padding entries (code 0) decoded in E1, entries.</summary>
    public long Padding { get; private set; }

    public void StartLayer(int layer, int codebookBase, int rows)
    {
        _layer = layer;
        _codebookBase = codebookBase;
        _rows = rows;
    }

    /// <summary>
    /// One cycle, evaluated before the sparse-matrix read unit's tick (so E1 sees the SRAM output
    /// word <paramref name="sramWord"/> as it stands at the start of the cycle).
    /// </summary>
    public void Tick(ulong sramWord)
    {
        // E3's accumulator read, issued before this cycle's E4 write lands (read-first RAM).
        long accData = _e3V ? _acc[_e3Row] : 0;

        // E4: sum = acc[row] + product, acc[row] bypassed from the previous cycle's E4 on the same
        // row; write acc[row] ← sum at the end of the cycle.
        long sum = 0;
        if (_e4V)
        {
            long old = _bypV && _bypRow == _e4Row ? _bypSum : _e4AccData;
            sum = old + _e4Product;
            _acc[_e4Row] = sum;
        }

        // E1 (combinational): entry = slot of the SRAM output word; v = code, z = zero run;
        // row = first ? z : row_prev + z + 1; codebook lookup w = cb[layer, v].
        int row = 0, v = 0;
        if (_e1V)
        {
            ulong entryMask = (1UL << _entryBits) - 1;
            int entry = (int)((sramWord >> (_e1Slot * _entryBits)) & entryMask);
            v = entry & ((1 << _codeBits) - 1);
            int z = entry >> _codeBits;
            row = _e1First ? z : _rowPrev + z + 1;
            if (row < 0 || row >= _rows)
                throw new EiecException($"layer {_layer}, PE {_pe}: an entry addresses local row {row}, " +
                                        $"but the layer has {_rows} rows per PE (corrupt image?)");
        }

        // The edge: every stage moves on.
        _bypV = _e4V;
        if (_e4V)
        {
            _bypRow = _e4Row;
            _bypSum = sum;
        }
        _e4V = _e3V;
        if (_e3V)
        {
            _e4Row = _e3Row;
            _e4Product = _e3Product;
            _e4AccData = accData;
        }
        _e3V = _e2V;
        if (_e2V)
        {
            _e3Row = _e2Row;
            _e3Product = _e2W * _e2A;
        }
        _e2V = _e1V;
        if (_e1V)
        {
            _rowPrev = row;
            _e2Row = row;
            _e2W = _codebook[_codebookBase + v];
            _e2A = _e1A;
            if (v == 0) Padding++;
        }
        _e1V = false; // set again by Issue when the sparse-matrix read unit issues this cycle
    }

    /// <summary>
    /// The sparse-matrix read unit issues an entry this cycle: e1 ← {valid, slot, a, first} at the
    /// edge.
    /// </summary>
    public void Issue(int slot, short a, bool first)
    {
        _e1V = true;
        _e1Slot = slot;
        _e1A = a;
        _e1First = first;
    }

    public void ResetCounters() => Padding = 0;
}
