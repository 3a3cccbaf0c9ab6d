using Eiec.Contract.Diagnostics;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Image;

namespace Eiec.Golden;

/// <summary>
/// The functional fixed-point model: executes a compiled image exactly as docs/fixed-point.md says,
/// reading the same memories the hardware reads (pointer banks, packed sparse-matrix words,
/// codebook ROM, bias memory, layer table) so a compiler bug cannot hide behind shared objects.
/// No timing: that is the simulator's job; results must equal the simulator's and the RTL's bit for bit.
/// </summary>
public sealed class GoldenModel
{
    private readonly CompiledImage _image;
    // Per PE, the entry stream unpacked from the packed words: bytes for the usual 8-bit entries,
    // ushort when code + index bits exceed 8. The two loops below are kept apart on purpose: a
    // generic version (IBinaryInteger<T>) measured 25% slower on VGG-6 (150 vs 200 M MAC/s).
    private readonly byte[][] _entries;
    private readonly ushort[][]? _wideEntries;

    public GoldenModel(CompiledImage image)
    {
        _image = image;
        var config = image.Config;
        int epw = config.EntriesPerWord, bits = config.EntryBits;
        ulong mask = (1UL << bits) - 1;
        int pes = config.Pes;
        if (bits <= 8)
        {
            _entries = new byte[pes][];
            for (int k = 0; k < pes; k++)
            {
                var words = image.Pes[k].Spmat;
                var e = new byte[words.Length * epw];
                for (int w = 0; w < words.Length; w++)
                    for (int s = 0; s < epw; s++) e[w * epw + s] = (byte)((words[w] >> (s * bits)) & mask);
                _entries[k] = e;
            }
        }
        else
        {
            _entries = [];
            _wideEntries = new ushort[pes][];
            for (int k = 0; k < pes; k++)
            {
                var words = image.Pes[k].Spmat;
                var e = new ushort[words.Length * epw];
                for (int w = 0; w < words.Length; w++)
                    for (int s = 0; s < epw; s++) e[w * epw + s] = (ushort)((words[w] >> (s * bits)) & mask);
                _wideEntries[k] = e;
            }
        }
    }

    public static GoldenResult Run(CompiledImage image, short[] input) => new GoldenModel(image).Run(input);

    public GoldenResult Run(ReadOnlySpan<short> input)
    {
        var layers = _image.Layers;
        if (input.Length != layers[0].Inputs)
            throw new EiecException(
                $"input has {input.Length} elements but layer '{layers[0].Name}' expects {layers[0].Inputs}");
        var outputs = new short[layers.Count][];
        var saturations = new long[layers.Count];
        var macs = new long[layers.Count];
        short[] a = input.ToArray();
        for (int l = 0; l < layers.Count; l++)
        {
            try { outputs[l] = RunLayer(l, a, out saturations[l], out macs[l]); }
            catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                throw new EiecException($"corrupt image: layer '{layers[l].Name}' (index {l}) addresses a row, " +
                    "pointer or entry outside its memories; rebuild the image");
            }
            a = outputs[l];
        }
        return new GoldenResult
        {
            LayerOutputs = outputs, Output = _image.OutputOrder(outputs[^1]), Saturations = saturations, Macs = macs,
        };
    }

    private short[] RunLayer(int l, short[] a, out long saturations, out long macs)
    {
        var config = _image.Config;
        // The layer-table word is what the hardware sees; decode it rather than trusting the manifest.
        var word = LayerTableWord.Decode(_image.LayerTable[l]);
        int inputs = word.Inputs, outputs = word.Outputs, ptrBase = word.PtrBase, spmatBase = word.SpmatBase;
        int biasBase = word.BiasBase, frac = word.WeightFracBits, rowsPerPe = word.RowsPerPe;
        bool relu = word.Relu;
        int pes = config.Pes, codeBits = config.Entries.CodeBits, codeMask = config.Entries.CodeMask;
        var cb = _image.Codebook.AsSpan(l * config.CodebookSize, config.CodebookSize).ToArray();
        var result = new short[outputs];
        long sat = 0, mac = 0;
        var acc = new long[rowsPerPe];
        // The control unit broadcasts non-zero activations only: find them once for all PEs.
        var nzIndex = new int[inputs];
        var nzValue = new int[inputs];
        int nz = 0;
        for (int j = 0; j < inputs; j++)
            if (a[j] != 0) { nzIndex[nz] = j; nzValue[nz] = a[j]; nz++; }
        for (int k = 0; k < pes; k++)
        {
            Array.Clear(acc);
            var accSpan = acc.AsSpan();
            var mem = _image.Pes[k];
            var even = mem.PtrEven;
            var odd = mem.PtrOdd;
            int entryBase = spmatBase * config.EntriesPerWord;
            for (int n = 0; n < nz; n++)
            {
                int j = nzIndex[n], aj = nzValue[n];
                // Pointer read unit: p[j] and p[j+1] come from opposite banks.
                int half = ptrBase + (j >> 1);
                int start, end;
                if ((j & 1) == 0) { start = (int)even[half]; end = (int)odd[half]; }
                else { start = (int)odd[half]; end = (int)even[half + 1]; }
                int row = -1;
                mac += end - start;
                if (_wideEntries is null)
                {
                    // Spans over the column let the JIT drop the per-entry bounds checks on the stream.
                    foreach (int entry in _entries[k].AsSpan(entryBase + start, end - start))
                    {
                        row += (entry >> codeBits) + 1;
                        accSpan[row] += cb[entry & codeMask] * aj;
                    }
                }
                else
                {
                    var entries = _wideEntries[k];
                    for (int e = entryBase + start; e < entryBase + end; e++)
                    {
                        int entry = entries[e];
                        row += (entry >> codeBits) + 1;
                        acc[row] += cb[entry & codeMask] * aj;
                    }
                }
            }
            for (int r = 0; r < rowsPerPe; r++)
            {
                int i = r * pes + k;
                if (i >= outputs) break;
                result[i] = FixedPointMath.Requantize(acc[r], mem.Bias[biasBase + r], frac, relu, out bool s);
                if (s) sat++;
            }
        }
        saturations = sat;
        macs = mac;
        return result;
    }
}
