namespace Eiec.Contract.Image;

/// <summary>
/// The bytes an image's memory files (hex and image.bin) take on disk, from its manifest alone: every
/// memory is written at its full configured depth, one line of hex digits per word. Lets a build refuse an absurd
/// configuration (or a full disk) before it writes anything.
/// </summary>
public static class ImageSize
{
    /// <summary>Headroom for image.json, the reports and rtl/ beside the memory files.</summary>
    public const long OtherFilesBytes = 4L << 20;

    public static long Bytes(ImageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        long total = OtherFilesBytes;
        foreach (var memory in manifest.Memories)
        {
            total += (long)memory.Depth * (HexFile.DigitsFor(memory.Width) + 1);
            // image.bin: the used words, 32-bit pieces, and a section header.
            total += ImageBinary.SectionHeaderBytes + 4L * memory.Used * ImageBinary.Pieces(memory.Width);
        }
        return total;
    }
}
