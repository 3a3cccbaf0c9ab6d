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

    private ZipMembers(ZipArchive archive, Dictionary<string, ZipArchiveEntry> entries)
    {
        _archive = archive;
        _entries = entries;
    }

    /// <summary>Member names in archive order.</summary>
    public IReadOnlyList<string> Names => _archive.Entries.Select(e => e.FullName).ToList();

    /// <param name="kind">What the file should be, for messages ("compressed model (.cz)").</param>
    public static ZipMembers Open(Stream stream, string source, string kind)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException
                                       or ArgumentException)
        {
            throw new EiecException($"{source}: not a valid {kind}: the file is not a ZIP archive, " +
                $"or it is truncated or corrupt ({e.Message})");
        }
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            if (!entries.TryAdd(entry.FullName, entry))
            {
                archive.Dispose();
                throw new EiecException($"{source}: corrupt {kind}: member '{entry.FullName}' " +
                    "appears more than once in the ZIP archive");
            }
        }
        return new ZipMembers(archive, entries);
    }

    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>Reads a member completely and checks its size and CRC-32.</summary>
    /// <param name="describe">Message prefix naming the file and member (and layer/field if any).</param>
    public byte[] ReadAll(string name, string describe)
    {
        var entry = _entries[name];
        try
        {
            if (entry.Length > Array.MaxLength)
                throw new EiecException($"{describe}: ZIP member is too large ({entry.Length} bytes)");
            // The declared size only sizes the first buffer: a damaged directory may lie about it.
            using var buffer = new MemoryStream((int)Math.Min(entry.Length, 64L << 20));
            using (var stream = entry.Open()) stream.CopyTo(buffer);
            if (buffer.Length != entry.Length)
                throw new EiecException($"{describe}: corrupt ZIP member: " +
                    $"the archive says {entry.Length} bytes but {buffer.Length} were stored");
            var data = buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
            var crc = Crc32.Compute(data);
            if (crc != entry.Crc32)
                throw new EiecException(
                    $"{describe}: corrupt ZIP member: CRC-32 is {crc:x8} but the archive says {entry.Crc32:x8}");
            return data;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw new EiecException($"{describe}: corrupt ZIP member: {e.Message}");
        }
    }

    public void Dispose() => _archive.Dispose();
}
