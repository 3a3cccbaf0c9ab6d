using System.Buffers.Binary;
using System.Text;
using Eiec.Contract.Config;
using Eiec.Contract.Npy;

namespace Eiec.Contract.Image;

/// <summary>
/// Writes <c>image.bin</c> (<see cref="ImageBinary"/>) from a compiled image: every memory's used words,
/// one section per memory and PE (empty ones included, so every image of a configuration has the same
/// sections in the same order), deterministic bytes.
/// </summary>
public static class ImageBinaryWriter
{
    public static void Write(CompiledImage image, string path) => File.WriteAllBytes(path, ToBytes(image));

    public static byte[] ToBytes(CompiledImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var c = image.Config;
        var sections = new List<(int Memory, int? Pe, ulong[] Words)>
        {
            (ImageBinary.Layers, null, image.LayerTable.SelectMany(f => f.Select(v => (ulong)v)).ToArray()),
            (ImageBinary.Codebook, null, Array.ConvertAll(image.Codebook, v => (ulong)(ushort)v)),
        };
        // Only a row-balanced image has an output map; without one the array reads PE i mod N.
        if (image.OutputMap is { } map) sections.Add((ImageBinary.OutMap, null, Array.ConvertAll(map, v => (ulong)v)));
        for (int pe = 0; pe < image.Pes.Length; pe++)
        {
            var m = image.Pes[pe];
            sections.Add((ImageBinary.Spmat, pe, m.Spmat));
            sections.Add((ImageBinary.PtrEven, pe, Array.ConvertAll(m.PtrEven, v => (ulong)v)));
            sections.Add((ImageBinary.PtrOdd, pe, Array.ConvertAll(m.PtrOdd, v => (ulong)v)));
            sections.Add((ImageBinary.Bias, pe, Array.ConvertAll(m.Bias, v => (ulong)(ushort)v)));
        }

        // The used words only, as image.json counts them (a compiled image may hold a full-depth codebook).
        var used = image.Manifest.Memories.ToDictionary(m => (m.Kind, m.Pe), m => m.Used);
        for (int i = 0; i < sections.Count; i++)
        {
            var (memory, pe, words) = sections[i];
            int n = used[(ImageBinary.Kinds[memory], pe)] * (memory == ImageBinary.Layers ? LayerTableWord.Fields : 1);
            if (n < words.Length) sections[i] = (memory, pe, words[..n]);
        }

        // The layer table's words are already split into 32-bit fields (one data word each).
        int Pieces(int memory) => memory == ImageBinary.Layers ? 1 : ImageBinary.Pieces(ImageBinary.Width(c, memory));
        int Count(int memory, ulong[] words) =>
            memory == ImageBinary.Layers ? words.Length / LayerTableWord.Fields : words.Length;
        long length = ImageBinary.HeaderBytes + ImageBinary.CrcBytes;
        foreach (var (memory, _, words) in sections)
            length += ImageBinary.SectionHeaderBytes + 4L * words.Length * Pieces(memory);
        if (length > int.MaxValue)
            throw new Diagnostics.EiecException($"image.bin would take {length} bytes, more than 2 GiB");

        var bytes = new byte[length];
        var span = bytes.AsSpan();
        void Put(int word, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * word), value);
        ImageBinary.Magic.CopyTo(span);
        ulong hash = ConfigHash.Value(c);
        Put(ImageBinary.VersionWord, ImageBinary.FormatVersion);
        Put(ImageBinary.HeaderBytesWord, ImageBinary.HeaderBytes);
        Put(ImageBinary.HashLowWord, (uint)hash);
        Put(ImageBinary.HashHighWord, (uint)(hash >> 32));
        Put(ImageBinary.FileBytesWord, (uint)length);
        Put(ImageBinary.SectionsWord, (uint)sections.Count);
        Put(ImageBinary.PesWord, (uint)c.Pes);
        Put(ImageBinary.LayersWord, (uint)image.Layers.Count);
        Put(ImageBinary.InputsWord, (uint)image.Layers[0].Inputs);
        Put(ImageBinary.OutputsWord, (uint)image.Layers[^1].Outputs);
        Put(ImageBinary.ActivationFracWord, (uint)image.Manifest.ActivationFracBits);
        uint Most(params int[] memories) =>
            (uint)sections.Where(x => memories.Contains(x.Memory)).Max(x => x.Words.Length);
        Put(ImageBinary.SpmatUsedWord, Most(ImageBinary.Spmat));
        Put(ImageBinary.PointerRowsUsedWord, Most(ImageBinary.PtrEven, ImageBinary.PtrOdd));
        Put(ImageBinary.BiasUsedWord, Most(ImageBinary.Bias));
        Put(ImageBinary.CodebookUsedWord, (uint)sections[1].Words.Length);
        NameBytes(image.Manifest.Model).CopyTo(span[(4 * ImageBinary.NameWord)..]);

        int at = ImageBinary.HeaderBytes;
        foreach (var (memory, pe, words) in sections)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], ImageBinary.Target(memory, pe));
            BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 4)..], 0);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 8)..], (uint)Count(memory, words));
            at += ImageBinary.SectionHeaderBytes;
            int pieces = Pieces(memory);
            foreach (var word in words)
                for (int p = 0; p < pieces; p++, at += 4)
                    BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)(word >> (32 * p)));
        }
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], Crc32.Compute(span[..at]));
        return bytes;
    }

    /// <summary>The model name as at most <see cref="ImageBinary.NameBytes"/> UTF-8 bytes, cut at a character
    /// boundary, NUL-padded.</summary>
    public static byte[] NameBytes(string name)
    {
        var result = new byte[ImageBinary.NameBytes];
        var utf8 = Encoding.UTF8.GetBytes(name ?? "");
        int n = Math.Min(utf8.Length, ImageBinary.NameBytes);
        while (n > 0 && n < utf8.Length && (utf8[n] & 0xC0) == 0x80) n--;
        utf8.AsSpan(0, n).CopyTo(result);
        return result;
    }
}
