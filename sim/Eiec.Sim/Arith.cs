using System.Runtime.CompilerServices;
using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;

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

    private int _rowPrev; // E1's register of the last row it produced (address accumulation)
    // The valid bits of E1, E2, E3 (bits 0, 1, 2): the entries issued in the last three cycles.
    private int _valid;
    private const int AllStages = (1 << AccelConfig.ArithStages) - 1;

    /// <summary>Some stage holds an entry (start-of-cycle).</summary>
    public bool Busy => _valid != 0;

    /// <summary>Padding entries (code 0) decoded in E1, entries.</summary>
    public long Padding { get; private set; }

    public void StartLayer(int layer, int codebookBase, int rows)
    {
        _layer = layer;
        _codebookBase = codebookBase;
        _rows = rows;
    }

    /// <summary>One cycle: the pipeline shifts; <paramref name="issue"/>: an entry enters E1 at the edge.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tick(bool issue) => _valid = ((_valid << 1) | (issue ? 1 : 0)) & AllStages;

    /// <summary><paramref name="cycles"/> cycles that each issued an entry (skipped by the simulator, see <see cref="Pe"/>).</summary>
    public void Streamed(int cycles) =>
        _valid = cycles >= AccelConfig.ArithStages ? AllStages : ((_valid << cycles) | ((1 << cycles) - 1)) & AllStages;

    /// <summary>
    /// The three stages for <paramref name="count"/> entries issued in order from slots
    /// <paramref name="slot"/>, <paramref name="slot"/> + 1, … of one SRAM word (the first of them
    /// starts a column when <paramref name="first"/>). The pipeline never stalls and nothing reads the
    /// accumulators during SCAN (write-back starts once it is empty), so the simulator computes the
    /// entries when their column is taken; <see cref="Tick"/> keeps the stages' valid bits for the timing.
    /// </summary>
    public void Entries(ulong sramWord, int slot, int count, short a, bool first)
    {
        var acc = _acc;
        var codebook = _codebook;
        int rows = _rows, entryBits = _entryBits, codeBits = _codeBits, codeMask = _codeMask, cbBase = _codebookBase;
        ulong entryMask = _entryMask;
        int rowPrev = first ? -1 : _rowPrev; // row = first ? z : row_prev + z + 1
        int padding = 0;
        ulong word = sramWord >> (slot * entryBits);
        for (int i = 0; i < count; i++, word >>= entryBits)
        {
            // E1: entry = slot of the SRAM output word; row address accumulation; w = cb[layer, v].
            int entry = (int)(word & entryMask);
            int v = entry & codeMask;
            int row = rowPrev + (entry >> codeBits) + 1;
            if ((uint)row >= (uint)rows) goto BadRow;
            rowPrev = row;
            padding += v == 0 ? 1 : 0;
            // E2: product = w · a (signed 16×16 → 32). E3: acc[row] += product (bypass ≡ read-after-write order).
            acc[row] += codebook[cbBase + v] * a;
            continue;
        BadRow:
            ThrowBadRow(row);
        }
        _rowPrev = rowPrev;
        Padding += padding;
    }

    /// <summary>
    /// Event engine: <see cref="Entries"/> for whole columns (see <see cref="SpmatRead.TakeColumns"/>),
    /// with the sparse-matrix SRAM's held word (the held-word rule) passed in. Returns the entries issued.
    /// </summary>
    internal long StreamColumns(ulong[] spmat, int spmatBase, int epwLog2, ref bool wordV, ref int wordAddr, ref ulong word, ref long wordReads,
        int[] starts, int[] lens, int off, short[] acts, int count)
    {
        var acc = _acc;
        var codebook = _codebook;
        int rows = _rows, entryBits = _entryBits, codeBits = _codeBits, codeMask = _codeMask, cbBase = _codebookBase;
        int slotMask = (1 << epwLog2) - 1;
        ulong entryMask = _entryMask;
        bool wv = wordV;
        int addr = wordAddr;
        ulong w = word;
        long reads = 0, issued = 0;
        int rowPrev = _rowPrev, padding = 0;
        for (int i = 0; i < count; i++)
        {
            int len = lens[off + i];
            if (len <= 0) continue;
            int start = starts[off + i];
            int end = start + len;
            int a = acts[i];
            issued += len;
            rowPrev = -1; // first entry of a column: row = z
            // Held-word rule: the column reads every word it touches, less the first if it is held.
            int first = spmatBase + (start >> epwLog2), last = spmatBase + ((end - 1) >> epwLog2);
            reads += last - first + (wv && addr == first ? 0 : 1);
            wv = true;
            addr = last;
            bool inRange = (uint)last < (uint)spmat.Length && first >= 0;
            for (int p = start; p < end; p++)
            {
                int wa = spmatBase + (p >> epwLog2);
                ulong ww = inRange ? spmat[wa] : ((uint)wa < (uint)spmat.Length ? spmat[wa] : 0UL);
                int entry = (int)((ww >> ((p & slotMask) * entryBits)) & entryMask);
                int v = entry & codeMask;
                int row = rowPrev + (entry >> codeBits) + 1;
                if ((uint)row >= (uint)rows) ThrowBadRow(row);
                rowPrev = row;
                padding += v == 0 ? 1 : 0;
                acc[row] += codebook[cbBase + v] * a;
            }
            w = (uint)last < (uint)spmat.Length ? spmat[last] : 0UL;
        }
        wordV = wv;
        wordAddr = addr;
        word = w;
        wordReads += reads;
        _rowPrev = rowPrev;
        Padding += padding;
        return issued;
    }

    private void ThrowBadRow(int row) =>
        throw new EiecException($"layer {_layer}, PE {_pe}: an entry addresses local row {row}, but the layer has {_rows} rows per PE (corrupt image?)");

    public void ResetCounters() => Padding = 0;
}
