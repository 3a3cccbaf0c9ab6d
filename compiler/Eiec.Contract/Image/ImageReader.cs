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
            manifest = JsonSerializer.Deserialize(text, ImageJsonContext.Default.ImageManifest);
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

    /// <summary>
    /// Reads an image directory. The memory contents come from image.bin when the directory holds one
    /// (the artifact a host loads into the hardware, so software and hardware run the same bytes),
    /// otherwise from the hex files; <paramref name="source"/> forces one. Either way the manifest
    /// (image.json) describes the layers and every memory's size, and the contents are validated.
    /// </summary>
    public static CompiledImage Read(string directory, ImageSource source = ImageSource.Auto)
    {
        var manifest = ReadManifest(directory);
        var binPath = Path.Combine(directory, ImageFiles.Binary);
        bool binary = source == ImageSource.Binary || (source == ImageSource.Auto && File.Exists(binPath));
        var image = binary ? FromBinary(manifest, binPath) : FromHex(manifest, directory);
        var table = manifest.Memories.First(m => m.Kind == "layers");
        CheckLayerTable(image, binary ? binPath : Path.Combine(directory, table.File));
        ImageValidator.CheckContents(image, directory);
        return image;
    }

    private static CompiledImage FromHex(ImageManifest manifest, string directory)
    {
        var byKey = manifest.Memories.ToDictionary(m => (m.Kind, m.Pe));
        ImageMemory Mem(string kind, int? pe = null) => byKey.TryGetValue((kind, pe), out var m) ? m
            : throw new EiecException($"{Path.Combine(directory, ImageFiles.Manifest)}: no '{kind}' memory" +
                $"{(pe is null ? "" : $" for PE {pe}")} in the manifest");
        ulong[] Load(ImageMemory m) => HexFile.Read(Path.Combine(directory, m.File), m.Width, m.Depth, m.Used);

        var table = Mem("layers");
        var layerTable = HexFile.ReadFields(
            Path.Combine(directory, table.File), LayerTableWord.Fields, table.Depth, table.Used);
        var codebook = Array.ConvertAll(Load(Mem("codebook")), v => (short)v);
        var outMap = byKey.TryGetValue((ImageFiles.OutMapKind, null), out var om)
            ? Array.ConvertAll(Load(om), v => (int)v) : null;
        int pes = manifest.Accelerator.Pes;
        var memories = new PeMemories[pes];
        ParallelFor.Run(pes, pe => memories[pe] = new PeMemories
        {
            Spmat = Load(Mem(ImageFiles.Spmat, pe)),
            PtrEven = Array.ConvertAll(Load(Mem(ImageFiles.PtrEven, pe)), v => (uint)v),
            PtrOdd = Array.ConvertAll(Load(Mem(ImageFiles.PtrOdd, pe)), v => (uint)v),
            Bias = Array.ConvertAll(Load(Mem(ImageFiles.Bias, pe)), v => (short)v),
        });
        return new CompiledImage
        {
            Manifest = manifest, LayerTable = layerTable, Codebook = codebook, Pes = memories, OutputMap = outMap,
        };
    }

    /// <summary>
    /// The memories from image.bin, which must be for the manifest's configuration and hold, for every
    /// memory image.json lists, exactly one section from address 0 of the manifest's used length.
    /// </summary>
    private static CompiledImage FromBinary(ImageManifest manifest, string path)
    {
        if (!File.Exists(path)) throw new EiecException($"{path}: image.bin is missing; run `eiec build` first");
        var contents = ImageBinaryReader.Read(path, manifest.Accelerator);
        if (contents.Layers != manifest.Layers.Count)
            throw new EiecException($"{path}: {contents.Layers} layers, but image.json lists {manifest.Layers.Count}");
        var sections = new Dictionary<(int, int?), ImageBinarySection>();
        foreach (var s in contents.Sections)
            if (!sections.TryAdd((s.Memory, s.Pe), s))
                throw new EiecException($"{path}: two sections for {Describe(s.Memory, s.Pe)}");
        ulong[] Words(string kind, int? pe)
        {
            int memory = Array.IndexOf(ImageBinary.Kinds.ToArray(), kind);
            var entry = manifest.Memories.FirstOrDefault(m => m.Kind == kind && m.Pe == pe)
                ?? throw new EiecException($"{path}: image.json lists no {Describe(memory, pe)}");
            if (!sections.TryGetValue((memory, pe), out var s))
                throw new EiecException($"{path}: no section for {Describe(memory, pe)}");
            int count = memory == ImageBinary.Layers ? s.Words.Length / LayerTableWord.Fields : s.Words.Length;
            if (s.Address != 0 || count != entry.Used)
                throw new EiecException($"{path}: {Describe(memory, pe)} holds words " +
                    $"{s.Address}..{s.Address + count}, " +
                    $"but image.json says 0..{entry.Used}; the two files are from different builds");
            return s.Words;
        }
        var flat = Words("layers", null);
        var layerTable = new uint[flat.Length / LayerTableWord.Fields][];
        for (int l = 0; l < layerTable.Length; l++)
            layerTable[l] = Enumerable.Range(0, LayerTableWord.Fields)
                .Select(f => (uint)flat[l * LayerTableWord.Fields + f]).ToArray();
        var memories = new PeMemories[manifest.Accelerator.Pes];
        for (int pe = 0; pe < memories.Length; pe++)
            memories[pe] = new PeMemories
            {
                Spmat = Words(ImageFiles.Spmat, pe),
                PtrEven = Array.ConvertAll(Words(ImageFiles.PtrEven, pe), v => (uint)v),
                PtrOdd = Array.ConvertAll(Words(ImageFiles.PtrOdd, pe), v => (uint)v),
                Bias = Array.ConvertAll(Words(ImageFiles.Bias, pe), v => (short)v),
            };
        bool hasMap = manifest.Memories.Any(m => m.Kind == ImageFiles.OutMapKind);
        if (!hasMap && sections.ContainsKey((ImageBinary.OutMap, null)))
            throw new EiecException($"{path}: an out_map section, but image.json lists no output map; " +
                "the two files are from different builds");
        return new CompiledImage
        {
            Manifest = manifest, LayerTable = layerTable,
            Codebook = Array.ConvertAll(Words("codebook", null), v => (short)v), Pes = memories,
            OutputMap = hasMap ? Array.ConvertAll(Words(ImageFiles.OutMapKind, null), v => (int)v) : null,
        };
    }

    private static string Describe(int memory, int? pe) =>
        $"{ImageBinary.Kinds[memory]}{(pe is null ? "" : $" of PE {pe}")}";

    /// <summary>The layer-table ROM and the manifest must describe the same layers.</summary>
    private static void CheckLayerTable(CompiledImage image, string path)
    {
        if (image.LayerTable.Length != image.Layers.Count)
            throw new EiecException($"{path}: {image.LayerTable.Length} layer-table words but the manifest lists " +
                $"{image.Layers.Count} layers");
        for (int l = 0; l < image.Layers.Count; l++)
        {
            var expected = image.Layers[l].TableFields(l == image.Layers.Count - 1, image.OutputMap is not null);
            if (!expected.AsSpan().SequenceEqual(image.LayerTable[l]))
                throw new EiecException($"{path}: layer {l} ('{image.Layers[l].Name}') does not match the manifest");
        }
    }
}
