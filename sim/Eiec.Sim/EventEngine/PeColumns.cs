using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Image;
using Eiec.Sim.Stats;

namespace Eiec.Sim.EventEngine;

/// <summary>
/// One PE's datapath as the event engine evaluates it: for each broadcast pair, the pointer read of
/// its column (p[j], p[j+1]) and then the column's entries (sparse-matrix word reads under the
/// held-word rule, E1 decode and row address, codebook, multiply, accumulate), column after column
/// in broadcast order. A column's entries issue in order, one per cycle, whatever the timing, and
/// nothing reads the accumulators during SCAN, so the results and these counts do not depend on when
/// the entries issue; <see cref="EventTimes"/> has the when.
/// </summary>
internal sealed class PeColumns
{
    private readonly int _pe;
    private readonly uint[][] _banks; // [bank]: pointer i is in bank i & 1
    private readonly ulong[] _spmat;
    private readonly short[] _codebook;
    private readonly long[] _acc;
    private readonly int _epwLog2;
    private readonly int _entryBits;
    private readonly int _codeBits;

    private int _layer;
    private int _ptrBase;
    private int _spmatBase;
    private int _codebookBase;
    private int _rows;

    // The address of the word held at the sparse-matrix SRAM output (word_v, word_addr). Only reset
    // clears it, so it carries across layers and inferences and decides whether a column's first
    // word is read again.
    private bool _wordV;
    private int _wordAddr;
    private int _firstRead = -1;
    private ColumnBound _bound;

    public PeColumns(int pe, PeMemories memories, short[] codebook, long[] accumulators, AccelConfig config)
    {
        _pe = pe;
        _banks = [memories.PtrEven, memories.PtrOdd];
        _spmat = memories.Spmat;
        _codebook = codebook;
        _acc = accumulators;
        _epwLog2 = System.Numerics.BitOperations.Log2((uint)config.EntriesPerWord);
        _entryBits = config.EntryBits;
        _codeBits = config.CodeBits;
    }

    /// <summary>Pointer-bank reads (one per popped pair, both banks), reads.</summary>
    public long PointerReads { get; private set; }
    /// <summary>The popped columns' bound and empty-column count since the last reset.</summary>
    public ColumnBound Bound => _bound;
    /// <summary>Sparse-matrix SRAM word reads, words.</summary>
    public long WordReads { get; private set; }
    /// <summary>Entries issued (padding included), entries.</summary>
    public long Issued { get; private set; }
    /// <summary>Padding entries (code 0), entries.</summary>
    public long Padding { get; private set; }

    /// <summary>The held word and the first word read since reset (see <see cref="Sim.HeldWord"/>).</summary>
    public HeldWord HeldWord => new(_wordV, _wordAddr, _firstRead);

    public void StartLayer(ImageLayer layer, int codebookBase)
    {
        _layer = layer.Index;
        _ptrBase = layer.PtrBase;
        _spmatBase = layer.SpmatBase;
        _codebookBase = codebookBase;
        _rows = layer.RowsPerPe;
    }

    /// <summary>
    /// The pointer reads of the pairs' columns <paramref name="js"/>[0 .. <paramref name="pairs"/>):
    /// column b is entries starts[off + b] .. + lengths[off + b] (relative to the layer's first entry).
    /// </summary>
    public void ReadPointers(int[] js, int pairs, int[] starts, int[] lengths, int off)
    {
        var banks = _banks;
        for (int b = 0; b < pairs; b++)
        {
            // p[j] is in bank j & 1 at row ptr_base + j/2; p[j+1] in the other bank at that row, or
            // at the next one when j is odd.
            int j = js[b];
            int row = _ptrBase + (j >> 1), odd = j & 1;
            int start = (int)Read(banks[odd], row);
            int end = (int)Read(banks[odd ^ 1], row + odd);
            starts[off + b] = start;
            int length = Math.Max(0, end - start);
            lengths[off + b] = length;
            _bound.Add(length);
        }
        PointerReads += pairs;
    }

    /// <summary>
    /// The entries of columns b = 0 .. <paramref name="pairs"/>−1 (as <see cref="ReadPointers"/> left
    /// them at <paramref name="off"/>), column b multiplied by activation acts[b], in order.
    /// </summary>
    public void StreamColumns(int[] starts, int[] lengths, int off, short[] acts, int pairs)
    {
        var spmat = _spmat;
        var acc = _acc;
        var codebook = _codebook;
        int rows = _rows, entryBits = _entryBits, codeBits = _codeBits, cbBase = _codebookBase;
        int epwLog2 = _epwLog2, spmatBase = _spmatBase;
        int codeMask = (1 << codeBits) - 1, slotMask = (1 << epwLog2) - 1;
        ulong entryMask = (1UL << entryBits) - 1;
        bool wordV = _wordV;
        int wordAddr = _wordAddr;
        long reads = 0, issued = 0, padding = 0;
        for (int b = 0; b < pairs; b++)
        {
            int len = lengths[off + b];
            if (len <= 0) continue;
            int start = starts[off + b];
            int end = start + len;
            int a = acts[b];
            issued += len;
            // Held-word rule: the column reads every word it touches, less the first if it is held.
            int first = spmatBase + (start >> epwLog2), last = spmatBase + ((end - 1) >> epwLog2);
            reads += last - first + (wordV && wordAddr == first ? 0 : 1);
            if (!wordV) _firstRead = first;
            wordV = true;
            wordAddr = last;
            bool inRange = (uint)last < (uint)spmat.Length && first >= 0;
            int rowPrev = -1; // the first entry of a column: row = z
            for (int p = start; p < end; p++)
            {
                // E1: the entry's slot of its word (words past the used part are zero padding);
                // row = row_prev + z + 1; w = cb[layer, v]. E2 .. E4: acc[row] += w · a.
                int wa = spmatBase + (p >> epwLog2);
                ulong word = inRange ? spmat[wa] : ((uint)wa < (uint)spmat.Length ? spmat[wa] : 0UL);
                int entry = (int)((word >> ((p & slotMask) * entryBits)) & entryMask);
                int v = entry & codeMask;
                int row = rowPrev + (entry >> codeBits) + 1;
                if ((uint)row >= (uint)rows) ThrowBadRow(row);
                rowPrev = row;
                padding += v == 0 ? 1 : 0;
                acc[row] += codebook[cbBase + v] * a;
            }
        }
        _wordV = wordV;
        _wordAddr = wordAddr;
        WordReads += reads;
        Issued += issued;
        Padding += padding;
    }

    public void ResetCounters()
    {
        PointerReads = 0;
        WordReads = 0;
        _bound.Reset();
        Issued = 0;
        Padding = 0;
    }

    /// <summary>Bank words past the image's used part are the zeros the memory file is padded with.</summary>
    private static uint Read(uint[] bank, int address) => (uint)address < (uint)bank.Length ? bank[address] : 0u;

    private void ThrowBadRow(int row) =>
        throw new EiecException($"layer {_layer}, PE {_pe}: an entry addresses local row {row}, " +
                                $"but the layer has {_rows} rows per PE (corrupt image?)");
}
