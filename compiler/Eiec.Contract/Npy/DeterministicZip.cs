using System.IO.Compression;

namespace Eiec.Contract.Npy;

/// <summary>
/// Adds ZIP members with everything that could vary between runs pinned (timestamp, attributes),
/// so writing the same content twice yields identical bytes.
/// </summary>
internal static class DeterministicZip
{
    /// <summary>The earliest DOS timestamp; the same choice reproducible-build tools make.</summary>
    public static readonly DateTimeOffset Timestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Regular file, rw-r--r--, in the Unix high half; makes the bytes independent of the host's umask.
    private const int RegularFileAttributes = unchecked((int)0x81A40000);

    public static void Add(ZipArchive archive, string name, ReadOnlySpan<byte> data, bool compress)
    {
        var entry = archive.CreateEntry(name, compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
        entry.LastWriteTime = Timestamp;
        entry.ExternalAttributes = RegularFileAttributes;
        using var stream = entry.Open();
        stream.Write(data);
    }

    /// <summary>Builds the whole archive in memory (seekable, so no data descriptors are written).</summary>
    public static byte[] Build(Action<ZipArchive> fill)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            fill(archive);
        return buffer.ToArray();
    }
}
