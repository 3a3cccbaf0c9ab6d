using System.IO.Compression;
using Eiec.Contract.Diagnostics;

namespace Eiec.Contract.Npy;

/// <summary>
/// Read access to the members of a ZIP container (.npz, .cz) that turns every way a ZIP can be
/// broken into one <see cref="EiecException"/> and verifies each member's CRC-32, which
/// System.IO.Compression skips for stored members.
/// </summary>
internal sealed class ZipMembers : IDisposable
{
    private readonly ZipArchive _archive;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;

    private readonly long _archiveLength;

    private ZipMembers(ZipArchive archive, Dictionary<string, ZipArchiveEntry> entries, long archiveLength)
    {
        _archiveLength = archiveLength;
        _archive = archive;
        _entries = entries;
    }

    /// <summary>Member names in archive order.</summary>
    public IReadOnlyList<string> Names => _archive.Entries.Select(e => e.FullName).ToList();

    /// <param name="kind">What the file should be, for messages ("compressed model (.cz)").</param>
    public static ZipMembers Open(Stream stream, string source, string kind)
    {
        ZipArchive archive;
        IReadOnlyList<ZipArchiveEntry> listed;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (IsContainerDamage(e))
        {
            throw NotAZip(source, kind, e);
        }
        try
        {
            // The central directory is parsed lazily, on first access to Entries: a wrong entry count
            // or a damaged record surfaces here, not in the constructor.
            listed = archive.Entries;
        }
        catch (Exception e) when (IsContainerDamage(e))
        {
            archive.Dispose();
            throw NotAZip(source, kind, e);
        }
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in listed)
        {
            if (!entries.TryAdd(entry.FullName, entry))
            {
                archive.Dispose();
                throw new EiecException($"{source}: corrupt {kind}: member '{entry.FullName}' " +
                    "appears more than once in the ZIP archive");
            }
        }
        return new ZipMembers(archive, entries, stream.CanSeek ? stream.Length : long.MaxValue);
    }

    private static bool IsContainerDamage(Exception e) =>
        e is InvalidDataException or IOException or NotSupportedException or ArgumentException
            or OverflowException or IndexOutOfRangeException;

    private static EiecException NotAZip(string source, string kind, Exception e) =>
        new($"{source}: not a valid {kind}: the file is not a ZIP archive, " +
            $"or it is truncated or corrupt ({e.Message})");

    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>
    /// Deflate cannot expand data more than 1032-fold, so a member that claims more than this many
    /// bytes per stored byte is damaged (or a decompression bomb); it is refused before inflating.
    /// </summary>
    internal const long MaxDeflateRatio = 1032;

    /// <summary>Reads a member completely and checks its size and CRC-32.</summary>
    /// <param name="describe">Message prefix naming the file and member (and layer/field if any).</param>
    /// <param name="maxBytes">The most bytes this member can validly hold (from the manifest), with
    /// <paramref name="why"/> saying where that bound comes from; checked before inflating anything.</param>
    public byte[] ReadAll(string name, string describe, long? maxBytes = null, string? why = null)
    {
        var entry = _entries[name];
        try
        {
            if (entry.Length > Array.MaxLength)
                throw new EiecException($"{describe}: ZIP member is too large ({entry.Length} bytes)");
            if (maxBytes is { } limit && entry.Length > limit)
                throw new EiecException($"{describe}: corrupt ZIP member: it declares {entry.Length} bytes but " +
                    $"{why ?? "its contents"} can need at most {limit} bytes");
            if (entry.CompressedLength > _archiveLength)
                throw new EiecException($"{describe}: corrupt ZIP member: it declares {entry.CompressedLength} " +
                    $"stored bytes but the whole archive has {_archiveLength}");
            if (entry.Length > Math.Max(entry.CompressedLength, 1) * MaxDeflateRatio)
                throw new EiecException($"{describe}: corrupt ZIP member: it declares {entry.Length} bytes from " +
                    $"{entry.CompressedLength} stored bytes, more than deflate can expand to");
            // The declared size only sizes the buffer: a damaged directory may lie about it, so at most
            // one byte more than declared is ever inflated.
            using var buffer = new MemoryStream((int)Math.Min(entry.Length, 64L << 20));
            using (var stream = entry.Open()) CopyAtMost(stream, buffer, entry.Length + 1);
            if (buffer.Length != entry.Length)
                throw new EiecException($"{describe}: corrupt ZIP member: " +
                    $"the archive says {entry.Length} bytes but " +
                    $"{(buffer.Length > entry.Length ? "more" : buffer.Length)} " +
                    "were stored");
            var data = buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
            var crc = Crc32.Compute(data);
            if (crc != entry.Crc32)
                throw new EiecException(
                    $"{describe}: corrupt ZIP member: CRC-32 is {crc:x8} but the archive says {entry.Crc32:x8}");
            return data;
        }
        catch (Exception e) when (IsContainerDamage(e))
        {
            throw new EiecException($"{describe}: corrupt ZIP member: {e.Message}");
        }
    }

    private static void CopyAtMost(Stream from, MemoryStream to, long limit)
    {
        var chunk = new byte[1 << 16];
        while (to.Length < limit)
        {
            var n = from.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - to.Length));
            if (n == 0) break;
            to.Write(chunk, 0, n);
        }
    }

    public void Dispose() => _archive.Dispose();
}
