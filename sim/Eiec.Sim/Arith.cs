using System.Runtime.CompilerServices;
using Eiec.Compiler.Diagnostics;

namespace Eiec.Sim;

/// <summary>
/// Arithmetic unit: a fixed three-stage pipeline after the issue cycle that never stalls.
/// E1 decodes the entry from the SRAM output word, accumulates the row address and looks up the
/// codebook; E2 multiplies (signed 16×16) and reads the accumulator; E3 adds and writes back, with a
/// bypass from its own previous result and from the previous cycle's write when back-to-back entries
/// hit one accumulator. The bypass makes E3 exactly <c>acc[row] += product</c>, which is what the
/// simulator does (functionally identical; its timing is the pipeline's valid bits).
/// </summary>
public sealed class Arith
{
    private readonly short[] _codebook;
    private readonly long[] _acc;
    private readonly int _entryBits;
    private readonly int _codeBits;
    private readonly ulong _entryMask;
    private readonly int _codeMask;
    private readonly int _pe;
    private int _codebookBase;
    private int _rows;
    private int _layer;

    public Arith(short[] codebook, long[] accumulators, int entryBits, int codeBits, int pe)
    {
        _codebook = codebook;
        _acc = accumulators;
        _entryBits = entryBits;
        _codeBits = codeBits;
        _entryMask = (1UL << entryBits) - 1;
        _codeMask = (1 << codeBits) - 1;
        _pe = pe;
    }

    // E1 registers: the issued entry's slot in the SRAM output word, its activation and first flag.
    private bool _e1V;
    private int _e1Slot;
    private short _e1A;
    private bool _e1First;
    private int _rowPrev; // E1's register of the last row it produced (address accumulation)
    // E2 registers: row, codebook value, activation.
    private bool _e2V;
    private int _e2Row;
    private short _e2W;
    private short _e2A;
    // E3 registers: row and product.
    private bool _e3V;
    private int _e3Row;
    private int _e3Product;

    /// <summary>Some stage holds an entry (start-of-cycle).</summary>
    public bool Busy => _e1V | _e2V | _e3V;

    /// <summary>Padding entries (code 0) decoded in E1, entries.</summary>
    public long Padding { get; private set; }

    public void StartLayer(int layer, int codebookBase, int rows)
    {
        _layer = layer;
        _codebookBase = codebookBase;
        _rows = rows;
    }

    /// <summary>
    /// One cycle, evaluated before the sparse-matrix read unit's tick (so E1 sees the SRAM output word
    /// read by the previous cycle's issue) and shifting the pipeline back to front.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tick(ulong sramWord)
    {
        // E3: sum = acc[row] + product (bypass ≡ read-after-write order), write acc[row].
        if (_e3V) _acc[_e3Row] += _e3Product;
        // E2: product = w · a (signed 16×16 → 32); accumulator read of row issued.
        _e3V = _e2V;
        if (_e2V)
        {
            _e3Row = _e2Row;
            _e3Product = _e2W * _e2A;
        }
        // E1: entry = slot of the SRAM output word; row = first ? z : row_prev + z + 1; w = cb[layer, v].
        _e2V = _e1V;
        if (_e1V)
        {
            int entry = (int)((sramWord >> (_e1Slot * _entryBits)) & _entryMask);
            int v = entry & _codeMask;
            int z = entry >> _codeBits;
            int row = _e1First ? z : _rowPrev + z + 1;
            if ((uint)row >= (uint)_rows) ThrowBadRow(row);
            _rowPrev = row;
            _e2Row = row;
            _e2W = _codebook[_codebookBase + v];
            _e2A = _e1A;
            if (v == 0) Padding++;
        }
        _e1V = false;
    }

    private void ThrowBadRow(int row) =>
        throw new EiecException($"layer {_layer}, PE {_pe}: an entry addresses local row {row}, but the layer has {_rows} rows per PE (corrupt image?)");

    /// <summary>The sparse-matrix read unit issues an entry this cycle: e1 ← {valid, slot, a, first}.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Issue(int slot, short a, bool first)
    {
        _e1V = true;
        _e1Slot = slot;
        _e1A = a;
        _e1First = first;
    }

    public void ResetCounters() => Padding = 0;
}
