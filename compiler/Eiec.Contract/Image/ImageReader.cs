using System.Text.Json;
using Eiec.Contract.Diagnostics;

namespace Eiec.Contract.Image;

/// <summary>
/// Reads a compiled image from disk: the one way the golden model, simulator and tests obtain it.
/// Checks the manifest's format and version and every memory file's size against the manifest.
/// </summary>
public static class ImageReader
{
    public static ImageManifest ReadManifest(string directory)
    {
        var path = Path.Combine(directory, ImageFiles.Manifest);
        if (!File.Exists(path))
            throw new EiecException($"{directory}: not an eiec image directory ({ImageFiles.Manifest} is missing; " +
                "run `eiec build` first)");
        ImageManifest? manifest;
        JsonElement accelerator;
        try
        {
            var text = File.ReadAllText(path);
            manifest = JsonSerializer.Deserialize<ImageManifest>(text, ImageJson.Options);
            using var document = JsonDocument.Parse(text);
            accelerator = document.RootElement.TryGetProperty("accelerator", out var a) ? a.Clone() : default;
        }
        catch (JsonException e) { throw new EiecException($"{path}: malformed image manifest: {e.Message}"); }
        if (manifest is null || manifest.Format != ImageManifest.FormatName)
            throw new EiecException($"{path}: not an eiec image manifest (format '{manifest?.Format}')");
        if (manifest.Version != ImageManifest.CurrentVersion)
            throw new EiecException($"{path}: image version {manifest.Version} is not supported " +
                $"(this eiec reads version {ImageManifest.CurrentVersion}); rebuild the image");
        if (manifest.Accelerator is null || manifest.Layers is null || manifest.Memories is null)
            throw new EiecException($"{path}: image manifest lacks accelerator, layers or memories");
        manifest.Accelerator.Validated(path);
        ImageValidator.CheckManifest(manifest, path);
        ImageValidator.CheckDerivedValues(accelerator, manifest.Accelerator, path);
        return manifest;
    }

    public static CompiledImage Read(string directory)
    {
        var manifest = ReadManifest(directory);
        var byKey = manifest.Memories.ToDictionary(m => (m.Kind, m.Pe));
        ImageMemory Mem(string kind, int? pe = null) => byKey.TryGetValue((kind, pe), out var m) ? m
            : throw new EiecException($"{Path.Combine(directory, ImageFiles.Manifest)}: no '{kind}' memory" +
                $"{(pe is null ? "" : $" for PE {pe}")} in the manifest");
        ulong[] Load(ImageMemory m) => HexFile.Read(Path.Combine(directory, m.File), m.Width, m.Depth, m.Used);

        var table = Mem("layers");
        var layerTable = HexFile.ReadFields(
            Path.Combine(directory, table.File), LayerTableWord.Fields, table.Depth, table.Used);
        var codebook = Array.ConvertAll(Load(Mem("codebook")), v => (short)v);
        int pes = manifest.Accelerator.Pes;
        var memories = new PeMemories[pes];
        ParallelFor.Run(pes, pe => memories[pe] = new PeMemories
        {
            Spmat = Load(Mem(ImageFiles.Spmat, pe)),
            PtrEven = Array.ConvertAll(Load(Mem(ImageFiles.PtrEven, pe)), v => (uint)v),
            PtrOdd = Array.ConvertAll(Load(Mem(ImageFiles.PtrOdd, pe)), v => (uint)v),
            Bias = Array.ConvertAll(Load(Mem(ImageFiles.Bias, pe)), v => (short)v),
        });
        var image = new CompiledImage
        {
            Manifest = manifest, LayerTable = layerTable, Codebook = codebook, Pes = memories,
        };
        CheckLayerTable(image, Path.Combine(directory, table.File));
        ImageValidator.CheckContents(image, directory);
        return image;
    }

    /// <summary>The layer-table ROM and the manifest must describe the same layers.</summary>
    private static void CheckLayerTable(CompiledImage image, string path)
    {
        if (image.LayerTable.Length != image.Layers.Count)
            throw new EiecException($"{path}: {image.LayerTable.Length} layer-table words but the manifest lists " +
                $"{image.Layers.Count} layers");
        for (int l = 0; l < image.Layers.Count; l++)
        {
            var expected = image.Layers[l].TableFields(l == image.Layers.Count - 1);
            if (!expected.AsSpan().SequenceEqual(image.LayerTable[l]))
                throw new EiecException($"{path}: layer {l} ('{image.Layers[l].Name}') does not match the manifest");
        }
    }
}
