using Eiec.Contract.Config;
using Eiec.Contract.Cz;

namespace Eiec.Compiler.Lowering;

/// <summary>
/// Lowers a CSC layer to interleaved per-PE CSC (EIE Sec. III-B): row i goes to PE i mod N as local
/// row i / N; each entry stores its code and the number of this PE's zero rows since the previous
/// entry of the column (or the column top); a run longer than the relative index can express gets
/// padding entries (code 0, z = max), each standing for max+1 rows.
/// </summary>
public static class LayerEncoder
{
    public static EncodedLayer Encode(CzLayer layer, int pes, int codeBits, int indexBits) =>
        Encode(layer, pes, new EntryCoding(codeBits, indexBits));

    public static EncodedLayer Encode(CzLayer layer, int pes, EntryCoding coding) =>
        Encode(layer, pes, coding, null, null);

    /// <summary>
    /// As <see cref="Encode(CzLayer, int, EntryCoding)"/> with logical row i at physical slot
    /// <paramref name="slotOfRow"/>[i] (PE slot mod N, local row slot / N) and physical column p holding logical
    /// column <paramref name="columnOrder"/>[p] (null: identity). Within a column every PE's local rows must
    /// come in increasing order of logical row (as <see cref="RowBalancer"/>'s group-preserving placement gives).
    /// </summary>
    public static EncodedLayer Encode(CzLayer layer, int pes, EntryCoding coding, int[]? slotOfRow,
        int[]? columnOrder)
    {
        var padEntry = (ushort)coding.PaddingEntry;
        int cols = layer.Inputs;
        var counts = new int[pes];
        var entries = new ushort[pes][];
        // Initial guess: an even share plus slack for padding; grown by doubling if needed.
        int guess = (int)Math.Min(int.MaxValue / 2, layer.NonZeros / pes * 5 / 4 + 16);
        for (int k = 0; k < pes; k++) entries[k] = new ushort[guess];
        var pointers = new int[pes][];
        for (int k = 0; k < pes; k++) pointers[k] = new int[cols + 1];
        var lastLocal = new int[pes];
        long padding = 0;
        var indptr = layer.IndPtr;
        var rows = layer.Indices;
        var codes = layer.Codes;

        for (int p = 0; p < cols; p++)
        {
            int j = columnOrder is null ? p : columnOrder[p];
            for (int k = 0; k < pes; k++) { pointers[k][p] = counts[k]; lastLocal[k] = -1; }
            for (int e = indptr[j]; e < indptr[j + 1]; e++)
            {
                int slot = slotOfRow is null ? rows[e] : slotOfRow[rows[e]];
                int k = slot % pes;
                int local = slot / pes;
                int gap = local - lastLocal[k] - 1;
                if (gap < 0)
                    throw new InvalidOperationException($"layer '{layer.Name}': rows out of order on PE {k}");
                for (int pad = coding.PaddingEntriesFor(gap); pad > 0; pad--)
                {
                    Append(entries, counts, k, padEntry);
                    padding++;
                }
                Append(entries, counts, k, (ushort)coding.Pack(coding.RemainingZ(gap), codes[e]));
                lastLocal[k] = local;
            }
        }
        for (int k = 0; k < pes; k++) pointers[k][cols] = counts[k];
        return new EncodedLayer
        {
            Entries = entries, Counts = counts, Pointers = pointers, Padding = padding, NonZeros = layer.NonZeros,
        };
    }

    private static void Append(ushort[][] entries, int[] counts, int k, ushort entry)
    {
        var buffer = entries[k];
        if (counts[k] == buffer.Length) Array.Resize(ref entries[k], Math.Max(16, buffer.Length * 2));
        entries[k][counts[k]++] = entry;
    }
}
