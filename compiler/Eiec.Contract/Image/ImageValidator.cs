using System.Text.Json;
using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.FixedPoint;

namespace Eiec.Contract.Image;

/// <summary>
/// Checks that an image read from disk is self-consistent before any consumer runs it: the manifest
/// against the configuration it embeds, every memory against the depth and width the configuration
/// implies, and the memory contents against the layer table (pointers non-decreasing and inside the
/// layer's words, every decoded row inside the layer). The golden model, the simulator and the RTL
/// would otherwise each fail differently on a hand-edited or truncated image.
/// </summary>
public static class ImageValidator
{
    /// <summary>Manifest-level checks, before any memory file is opened.</summary>
    public static void CheckManifest(ImageManifest manifest, string path)
    {
        var c = manifest.Accelerator;
        if (manifest.ActivationFracBits is < 0 or > 15)
            throw new EiecException(
                $"{path}: activation_frac_bits = {manifest.ActivationFracBits} is out of range [0, 15]");
        if (manifest.Layers.Count == 0) throw new EiecException($"{path}: the image has no layers");
        if (manifest.Layers.Count > c.MaxLayers)
            throw new EiecException($"{path}: {manifest.Layers.Count} layers but max_layers = {c.MaxLayers}");
        int ptrRows = 0, words = 0, biasRows = 0;
        for (int l = 0; l < manifest.Layers.Count; l++)
        {
            var layer = manifest.Layers[l];
            string where = $"{path}: layer {l} ('{layer.Name}')";
            void Expect(string field, long actual, long expected)
            {
                if (actual != expected) throw new EiecException($"{where}: {field} = {actual}, expected {expected}");
            }
            Expect("index", layer.Index, l);
            if (layer.Inputs < 1 || layer.Outputs < 1)
                throw new EiecException($"{where}: {layer.Inputs} inputs and {layer.Outputs} outputs");
            if (l > 0) Expect("inputs", layer.Inputs, manifest.Layers[l - 1].Outputs);
            Expect("groups", layer.Groups, c.Groups(layer.Inputs));
            Expect("rows_per_pe", layer.RowsPerPe, c.RowsPerPe(layer.Outputs));
            Expect("ptr_base", layer.PtrBase, ptrRows);
            Expect("spmat_base", layer.SpmatBase, words);
            Expect("bias_base", layer.BiasBase, biasRows);
            if (layer.Activation is not ("relu" or "none"))
                throw new EiecException($"{where}: activation '{layer.Activation}' is not relu or none");
            if (layer.WeightFracBits is < 0 or > FixedPointMath.MaxWeightFracBits)
                throw new EiecException($"{where}: weight_frac_bits = {layer.WeightFracBits} is out of range " +
                    $"[0, {FixedPointMath.MaxWeightFracBits}]");
            if (Math.Max(layer.Groups, layer.RowsPerPe) > c.ActivationDepth)
                throw new EiecException($"{where}: needs {Math.Max(layer.Groups, layer.RowsPerPe)} " +
                    $"activations per PE, more than activation depth {c.ActivationDepth}");
            if (layer.EntriesPerPe.Length != c.Pes)
                throw new EiecException(
                    $"{where}: entries_per_pe lists {layer.EntriesPerPe.Length} PEs, expected {c.Pes}");
            ptrRows += AccelConfig.PointerRows(layer.Inputs);
            words += layer.SpmatWords;
            biasRows += layer.RowsPerPe;
        }
        if (ptrRows > c.PointerBankDepth || words > c.SpmatWords || biasRows > c.BiasEntries)
            throw new EiecException($"{path}: the layers need {ptrRows} pointer rows, {words} sparse-matrix words " +
                $"and {biasRows} bias entries per PE; the configuration holds {c.PointerBankDepth}, {c.SpmatWords} " +
                $"and {c.BiasEntries}");

        var expected = new Dictionary<(string, int?), (int Width, int Depth, int Used)>
        {
            [("layers", null)] = (LayerTableWord.Bits, c.MaxLayers, manifest.Layers.Count),
            [("codebook", null)] = (c.WeightBits, c.CodebookDepth, manifest.Layers.Count * c.CodebookSize),
        };
        // The output map is there exactly when the image is row-balanced (docs/balancing.md).
        if (manifest.Balance is not null)
        {
            if (manifest.Balance != "rows")
                throw new EiecException($"{path}: balance '{manifest.Balance}' is not rows (or absent)");
            expected[(ImageFiles.OutMapKind, null)] = (c.PeIndexBits, c.OutMapDepth, manifest.Layers[^1].Outputs);
        }
        for (int k = 0; k < c.Pes; k++)
        {
            expected[(ImageFiles.Spmat, k)] = (c.WordBits, c.SpmatWords, words);
            expected[(ImageFiles.PtrEven, k)] = (c.PointerBits, c.PointerBankDepth, ptrRows);
            expected[(ImageFiles.PtrOdd, k)] = (c.PointerBits, c.PointerBankDepth, ptrRows);
            expected[(ImageFiles.Bias, k)] = (c.ActivationBits, c.BiasEntries, biasRows);
        }
        var seen = new HashSet<(string, int?)>();
        foreach (var m in manifest.Memories)
        {
            var key = (m.Kind, m.Pe);
            string name = $"{path}: memory '{m.Kind}'{(m.Pe is null ? "" : $" of PE {m.Pe}")}";
            if (!seen.Add(key)) throw new EiecException($"{name} is listed twice");
            if (!expected.TryGetValue(key, out var e))
                throw new EiecException($"{name} is not part of a {c.Pes}-PE image");
            if ((m.Width, m.Depth, m.Used) != e)
                throw new EiecException($"{name}: width {m.Width}, depth {m.Depth}, used {m.Used}; " +
                    $"the configuration implies {e.Width}, {e.Depth}, {e.Used}");
            if (m.File != (m.Pe is int pe ? ImageFiles.PeMemory(pe, m.Kind)
                    : m.Kind == "layers" ? ImageFiles.LayerTable
                    : m.Kind == ImageFiles.OutMapKind ? ImageFiles.OutMap : ImageFiles.Codebook))
                throw new EiecException($"{name}: file '{m.File}' is not the image's own file name");
        }
        var missing = expected.Keys.FirstOrDefault(k => !seen.Contains(k));
        if (missing != default)
            throw new EiecException($"{path}: no '{missing.Item1}' memory" +
                $"{(missing.Item2 is null ? "" : $" for PE {missing.Item2}")} in the manifest");
    }

    /// <summary>
    /// The derived values image.json lists under <c>accelerator</c> (entry_bits, spmat_words, ...) are
    /// only a record for readers of the file; the consumers recompute them from the configuration. Each
    /// must equal the recomputed value, so a hand-edited or stale manifest cannot claim a layout the
    /// configuration does not give.
    /// </summary>
    public static void CheckDerivedValues(JsonElement accelerator, AccelConfig config, string path)
    {
        if (accelerator.ValueKind != JsonValueKind.Object)
            throw new EiecException($"{path}: accelerator is not an object");
        // What the writer wrote for this configuration, from the same compile-time metadata.
        var written = JsonSerializer.SerializeToElement(config, ImageJsonContext.Default.AccelConfig);
        foreach (var key in DerivedKeys)
        {
            var expected = written.GetProperty(key).GetRawText();
            var actual = accelerator.TryGetProperty(key, out var value) ? value.GetRawText() : "(missing)";
            if (actual != expected)
                throw new EiecException(
                    $"{path}: accelerator.{key} = {actual}, but the configuration implies {expected}");
        }
    }

    /// <summary>
    /// The derived values image.json records: the keys the writer serializes for an AccelConfig (from the
    /// source-generated metadata, no reflection, so Native AOT keeps it) other than the settable fields.
    /// </summary>
    private static readonly string[] DerivedKeys = JsonSerializer
        .SerializeToElement(new AccelConfig(), ImageJsonContext.Default.AccelConfig)
        .EnumerateObject().Select(p => p.Name)
        .Except(AccelConfigFields.All.Select(f => f.Name))
        .ToArray();

    /// <summary>Content checks: pointers and decoded rows of every PE and layer.</summary>
    public static void CheckContents(CompiledImage image, string directory)
    {
        var c = image.Config;
        if (image.OutputMap is { } map && OutputMapping.Check(map, image.Layers[^1].Outputs, c.Pes) is { } fault)
            throw new EiecException($"{directory}: output map ({ImageFiles.OutMap}): {fault}");
        int epw = c.EntriesPerWord, bits = c.EntryBits, codeBits = c.CodeBits;
        ulong mask = (1UL << bits) - 1;
        ParallelFor.Run(c.Pes, k =>
        {
            var mem = image.Pes[k];
            foreach (var layer in image.Layers)
            {
                string where = $"{directory}: PE {k}, layer {layer.Index} ('{layer.Name}')";
                long limit = (long)layer.SpmatWords * epw;
                uint previous = mem.Pointer(layer.PtrBase, 0);
                if (previous != 0)
                    throw new EiecException($"{where}: first column pointer is {previous}, expected 0 " +
                        $"({ImageFiles.PeMemory(k, ImageFiles.PtrEven)})");
                for (int j = 0; j < layer.Inputs; j++)
                {
                    uint start = previous, end = mem.Pointer(layer.PtrBase, j + 1);
                    if (end < start || end > limit)
                        throw new EiecException($"{where}: column {j} pointers {start}..{end} are decreasing " +
                            $"or beyond the layer's {limit} entries");
                    long row = -1;
                    for (uint e = start; e < end; e++)
                    {
                        long word = layer.SpmatBase + e / epw;
                        ulong entry = mem.Spmat[word] >> (int)(e % epw * bits) & mask;
                        row += (long)(entry >> codeBits) + 1;
                    }
                    if (row >= layer.RowsPerPe)
                        throw new EiecException($"{where}: column {j} reaches local row {row}, beyond the layer's " +
                            $"{layer.RowsPerPe} rows per PE ({ImageFiles.PeMemory(k, ImageFiles.Spmat)})");
                    previous = end;
                }
            }
        });
    }
}
