using System.Buffers.Binary;
using System.Text;
using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;

namespace Eiec.Contract.Image;

/// <summary>
/// Reads and validates <c>image.bin</c> (<see cref="ImageBinary"/>) for one configuration. Bounded: the
/// file's length is checked against the largest image the configuration can have before it is read,
/// and every section's size against the bytes left before anything is allocated. The checks, in order:
/// truncation (the length the header declares), the CRC, the configuration hash, then every count and
/// address against the configuration's capacities. Each failure is one message naming the file and the
/// fault, the same checks the C driver makes before it writes anything to a device.
/// </summary>
public static class ImageBinaryReader
{
    public static ImageBinaryContents Read(string path, AccelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            long max = ImageBinary.MaxBytes(config);
            if (length > max)
                throw new EiecException($"{path}: {length} bytes, more than any image of this configuration " +
                    $"can hold ({max}); over capacity or not an image.bin");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EiecException($"{path}: cannot read image.bin: {e.Message}");
        }
        return Parse(bytes, config, path);
    }

    public static ImageBinaryContents Parse(ReadOnlySpan<byte> bytes, AccelConfig config, string path)
    {
        ArgumentNullException.ThrowIfNull(config);
        const int minimum = ImageBinary.HeaderBytes + ImageBinary.CrcBytes;
        if (bytes.Length < 8 || !bytes[..8].SequenceEqual(ImageBinary.Magic))
            throw new EiecException($"{path}: not an eiec image.bin (no EIECIMG magic)");
        if (bytes.Length < minimum)
            throw new EiecException($"{path}: truncated: {bytes.Length} bytes, less than the {minimum}-byte " +
                "header and CRC");
        var header = bytes[..ImageBinary.HeaderBytes].ToArray();
        uint Word(int index) => BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4 * index));
        if (Word(ImageBinary.VersionWord) != ImageBinary.FormatVersion)
            throw new EiecException($"{path}: image.bin format version {Word(ImageBinary.VersionWord)} is not " +
                $"supported (this eiec reads version {ImageBinary.FormatVersion}); rebuild the image");
        if (Word(ImageBinary.HeaderBytesWord) != ImageBinary.HeaderBytes)
            throw new EiecException($"{path}: header size {Word(ImageBinary.HeaderBytesWord)}, expected " +
                $"{ImageBinary.HeaderBytes}");
        uint declared = Word(ImageBinary.FileBytesWord);
        if (declared > bytes.Length)
            throw new EiecException($"{path}: truncated: the header declares {declared} bytes, the file has " +
                $"{bytes.Length}");
        if (declared != bytes.Length)
            throw new EiecException($"{path}: the header declares {declared} bytes, the file has {bytes.Length} " +
                "(trailing data)");
        int body = bytes.Length - ImageBinary.CrcBytes;
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[body..]);
        uint actual = Crc32.Compute(bytes[..body]);
        if (stored != actual)
            throw new EiecException($"{path}: CRC mismatch (stored {stored:x8}, computed {actual:x8}): the file is " +
                "corrupted");
        ulong hash = Word(ImageBinary.HashLowWord) | (ulong)Word(ImageBinary.HashHighWord) << 32;
        ulong expected = ConfigHash.Value(config);
        if (hash != expected)
            throw new EiecException($"{path}: built for configuration sha256:{hash:x16}, but the target " +
                $"configuration is sha256:{expected:x16}; rebuild the model for this configuration");
        if (Word(ImageBinary.PesWord) != config.Pes)
            throw new EiecException($"{path}: {Word(ImageBinary.PesWord)} PEs, the configuration has {config.Pes}");
        uint layers = Word(ImageBinary.LayersWord);
        if (layers < 1 || layers > config.MaxLayers)
            throw new EiecException($"{path}: {layers} layers, over capacity (max_layers = {config.MaxLayers})");
        Capacity(path, "sparse-matrix words per PE", Word(ImageBinary.SpmatUsedWord), config.SpmatWords);
        Capacity(path, "pointer rows per bank", Word(ImageBinary.PointerRowsUsedWord), config.PointerBankDepth);
        Capacity(path, "bias entries per PE", Word(ImageBinary.BiasUsedWord), config.BiasEntries);
        Capacity(path, "codebook entries", Word(ImageBinary.CodebookUsedWord), config.CodebookDepth);
        uint fracBits = Word(ImageBinary.ActivationFracWord);
        if (fracBits > 15) throw new EiecException($"{path}: activation fraction bits {fracBits}, out of [0, 15]");

        uint count = Word(ImageBinary.SectionsWord);
        int at = ImageBinary.HeaderBytes;
        if (count > (body - at) / ImageBinary.SectionHeaderBytes)
            throw new EiecException($"{path}: {count} sections cannot fit in {body - at} bytes");
        var sections = new List<ImageBinarySection>((int)count);
        for (int s = 0; s < count; s++)
        {
            if (body - at < ImageBinary.SectionHeaderBytes)
                throw new EiecException($"{path}: section {s}: truncated header at byte {at}");
            uint target = BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]);
            uint address = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(at + 4)..]);
            uint words = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(at + 8)..]);
            at += ImageBinary.SectionHeaderBytes;
            int memory = (int)(target & 0xFF);
            uint pe = target >> 16;
            string where = $"{path}: section {s} (target {target:x8})";
            if (memory >= ImageBinary.MemoryCount || (target & 0xFF00) != 0)
                throw new EiecException($"{where}: unknown memory {memory}");
            string kind = ImageBinary.Kinds[memory];
            if (ImageBinary.IsGlobal(memory) ? pe != ImageBinary.GlobalPe : pe >= config.Pes)
                throw new EiecException($"{where}: {kind} for PE {pe}, but the configuration has {config.Pes} PEs" +
                    (ImageBinary.IsGlobal(memory) ? $" and {kind} is shared (PE field must be {ImageBinary.GlobalPe})"
                        : ""));
            int depth = ImageBinary.Depth(config, memory);
            if ((ulong)address + words > (ulong)depth)
                throw new EiecException($"{where}: {kind} words {address}..{(ulong)address + words} over capacity " +
                    $"({depth} words)");
            int width = ImageBinary.Width(config, memory);
            int pieces = memory == ImageBinary.Layers ? LayerTableWord.Fields : ImageBinary.Pieces(width);
            long need = 4L * words * pieces;
            if (need > body - at)
                throw new EiecException($"{where}: truncated: {kind} needs {need} bytes, {body - at} are left");
            var data = new ulong[memory == ImageBinary.Layers ? words * LayerTableWord.Fields : words];
            if (memory == ImageBinary.Layers)
            {
                for (int i = 0; i < data.Length; i++, at += 4)
                    data[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]);
            }
            else
            {
                ulong mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
                for (int i = 0; i < words; i++)
                {
                    ulong value = 0;
                    for (int p = 0; p < pieces; p++, at += 4)
                        value |= (ulong)BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]) << (32 * p);
                    if ((value & ~mask) != 0)
                        throw new EiecException($"{where}: {kind} word {address + i} = {value:x} is wider than " +
                            $"{width} bits");
                    data[i] = value;
                }
            }
            sections.Add(new ImageBinarySection(memory, ImageBinary.IsGlobal(memory) ? null : (int)pe,
                (int)address, data));
        }
        if (at != body)
            throw new EiecException($"{path}: {body - at} bytes after the last section, before the CRC");
        var name = bytes.Slice(4 * ImageBinary.NameWord, ImageBinary.NameBytes);
        int nul = name.IndexOf((byte)0);
        return new ImageBinaryContents
        {
            ConfigHash = hash,
            Model = Encoding.UTF8.GetString(nul < 0 ? name : name[..nul]),
            Layers = (int)layers,
            Inputs = (int)Word(ImageBinary.InputsWord),
            Outputs = (int)Word(ImageBinary.OutputsWord),
            ActivationFracBits = (int)fracBits,
            Sections = sections,
        };
    }

    private static void Capacity(string path, string what, uint used, int capacity)
    {
        if (used > capacity)
            throw new EiecException($"{path}: {used} {what}, over capacity ({capacity})");
    }
}
