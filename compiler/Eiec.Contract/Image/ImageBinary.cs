using Eiec.Contract.Config;

namespace Eiec.Contract.Image;

/// <summary>
/// The layout of <c>image.bin</c> (docs/image-format.md, "image.bin"): the packed image a host loads
/// into the accelerator's memories. Everything is little-endian 32-bit words, so a driver can send
/// the file word by word: a header of <see cref="HeaderWords"/> words, the sections (a three-word
/// header each: target, address, count, then the data), and a CRC-32 of every byte before it.
/// A memory word of W bits takes ceil(W / 32) data words, least significant first; this is also
/// how the load path of the RTL (eie_axi_top) receives it.
/// </summary>
public static class ImageBinary
{
    /// <summary>"EIECIMG" and a NUL: words 0 and 1.</summary>
    public static ReadOnlySpan<byte> Magic => "EIECIMG\0"u8;
    public const uint FormatVersion = 1;

    // Header word indices.
    public const int VersionWord = 2;
    public const int HeaderBytesWord = 3;
    public const int HashLowWord = 4;
    public const int HashHighWord = 5;
    public const int FileBytesWord = 6;
    public const int SectionsWord = 7;
    public const int PesWord = 8;
    public const int LayersWord = 9;
    public const int InputsWord = 10;
    public const int OutputsWord = 11;
    public const int ActivationFracWord = 12;
    public const int SpmatUsedWord = 13;
    public const int PointerRowsUsedWord = 14;
    public const int BiasUsedWord = 15;
    public const int CodebookUsedWord = 16;
    public const int NameWord = 17;
    public const int NameBytes = 32;
    public const int HeaderWords = NameWord + NameBytes / 4;
    public const int HeaderBytes = HeaderWords * 4;
    public const int SectionHeaderBytes = 12;
    public const int CrcBytes = 4;

    /// <summary>The PE field of a section for a memory every PE shares (layer table, codebook).</summary>
    public const uint GlobalPe = 0xFFFF;

    // Memory ids (a section's target bits [7:0]; also the RTL load bus's memory select).
    public const int Layers = 0;
    public const int Codebook = 1;
    public const int Spmat = 2;
    public const int PtrEven = 3;
    public const int PtrOdd = 4;
    public const int Bias = 5;
    /// <summary>The output map of a row-balanced image (docs/balancing.md); only such images have the
    /// section.</summary>
    public const int OutMap = 6;
    public const int MemoryCount = 7;

    /// <summary>Memory kinds by id, as image.json names them.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        "layers", "codebook", ImageFiles.Spmat, ImageFiles.PtrEven, ImageFiles.PtrOdd, ImageFiles.Bias,
        ImageFiles.OutMapKind,
    ];

    public static bool IsGlobal(int memory) => memory is Layers or Codebook or OutMap;

    /// <summary>A section's target word: PE in bits [31:16] (<see cref="GlobalPe"/> for a shared memory),
    /// memory id in bits [7:0].</summary>
    public static uint Target(int memory, int? pe) => ((pe is int p ? (uint)p : GlobalPe) << 16) | (uint)memory;

    public static int Width(AccelConfig config, int memory) => memory switch
    {
        Layers => LayerTableWord.Bits,
        Codebook => config.WeightBits,
        Spmat => config.WordBits,
        PtrEven or PtrOdd => config.PointerBits,
        Bias => config.ActivationBits,
        OutMap => config.PeIndexBits,
        _ => throw new ArgumentOutOfRangeException(nameof(memory)),
    };

    /// <summary>Words the memory holds in the hardware: the largest address + 1 a section may reach.</summary>
    public static int Depth(AccelConfig config, int memory) => memory switch
    {
        Layers => config.MaxLayers,
        Codebook => config.CodebookDepth,
        Spmat => config.SpmatWords,
        PtrEven or PtrOdd => config.PointerBankDepth,
        Bias => config.BiasEntries,
        OutMap => config.OutMapDepth,
        _ => throw new ArgumentOutOfRangeException(nameof(memory)),
    };

    /// <summary>32-bit data words per memory word.</summary>
    public static int Pieces(int widthBits) => (widthBits + 31) / 32;

    /// <summary>The largest image.bin a configuration can have: every memory full. A reader refuses a longer
    /// file before reading it.</summary>
    public static long MaxBytes(AccelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long total = HeaderBytes + CrcBytes;
        for (int m = 0; m < MemoryCount; m++)
        {
            long copies = IsGlobal(m) ? 1 : config.Pes;
            total += copies * (SectionHeaderBytes + 4L * Depth(config, m) * Pieces(Width(config, m)));
        }
        return total;
    }
}
