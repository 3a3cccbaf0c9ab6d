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

    public static EncodedLayer Encode(CzLayer layer, int pes, EntryCoding coding)
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

        for (int j = 0; j < cols; j++)
        {
            for (int k = 0; k < pes; k++) { pointers[k][j] = counts[k]; lastLocal[k] = -1; }
            for (int e = indptr[j]; e < indptr[j + 1]; e++)
            {
                int row = rows[e];
                int k = row % pes;
                int local = row / pes;
                int gap = local - lastLocal[k] - 1;
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
