using System.Text.Json;
using Eiec.Contract.Diagnostics;

namespace Eiec.Contract.Image;

/// <summary>
/// Writes a <see cref="CompiledImage"/> into an empty directory (atomicity is the caller's: see
/// <see cref="AtomicDirectory"/>).
/// </summary>
public static class ImageWriter
{
    public static void Write(CompiledImage image, string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, ImageFiles.MemoryDir));
        var byFile = image.Manifest.Memories.ToDictionary(m => (m.Kind, m.Pe));
        ImageMemory Mem(string kind, int? pe = null) => byFile[(kind, pe)];

        var table = Mem("layers");
        HexFile.WriteFields(Path.Combine(directory, table.File), LayerTableWord.Fields, table.Depth, image.LayerTable);
        var cb = Mem("codebook");
        HexFile.Write(Path.Combine(directory, cb.File), cb.Width, cb.Depth,
            image.Codebook.Select(v => (ulong)(ushort)v).ToArray());
        if (image.OutputMap is { } map)
        {
            var om = Mem(ImageFiles.OutMapKind);
            HexFile.Write(Path.Combine(directory, om.File), om.Width, om.Depth, Array.ConvertAll(map, v => (ulong)v));
        }

        // PEs are independent files; two cores halve the wall time of large builds.
        ParallelFor.Run(image.Pes.Length, pe =>
        {
            var m = image.Pes[pe];
            void Put(string kind, ReadOnlySpan<ulong> words)
            {
                var mem = Mem(kind, pe);
                HexFile.Write(Path.Combine(directory, mem.File), mem.Width, mem.Depth, words);
            }
            Put(ImageFiles.Spmat, m.Spmat);
            Put(ImageFiles.PtrEven, Array.ConvertAll(m.PtrEven, v => (ulong)v));
            Put(ImageFiles.PtrOdd, Array.ConvertAll(m.PtrOdd, v => (ulong)v));
            Put(ImageFiles.Bias, Array.ConvertAll(m.Bias, v => (ulong)(ushort)v));
        });

        ImageBinaryWriter.Write(image, Path.Combine(directory, ImageFiles.Binary));
        File.WriteAllText(Path.Combine(directory, ImageFiles.Manifest),
            JsonSerializer.Serialize(image.Manifest, ImageJsonContext.Default.ImageManifest) + "\n");
    }
}
