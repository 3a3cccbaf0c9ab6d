using Eiec.Contract.Diagnostics;

namespace Eiec.Contract.Npy;

/// <summary>
/// Reads a .npz archive (what <c>np.savez</c> and <c>np.savez_compressed</c> write): a ZIP whose
/// members are <c>name.npy</c>. Keys are the member names without <c>.npy</c>, in archive order.
/// </summary>
public static class NpzReader
{
    public static IReadOnlyDictionary<string, NpyArray> Read(string path)
    {
        FileStream stream;
        try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new EiecException($"{path}: cannot read .npz file: {e.Message}"); }
        using (stream) return Read(stream, path);
    }

    public static IReadOnlyDictionary<string, NpyArray> Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var zip = ZipMembers.Open(stream, source, ".npz archive");
        // Dictionary keeps insertion order while nothing is removed, which is what callers iterate by.
        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        foreach (var member in zip.Names)
        {
            if (member.EndsWith('/')) continue;
            var describe = $"{source}: member '{member}'";
            if (!member.EndsWith(".npy", StringComparison.Ordinal) || member.Length == 4)
                throw new EiecException(
                    $"{describe}: not a NumPy array (every member of a .npz must be named <key>.npy)");
            var bytes = zip.ReadAll(member, describe);
            arrays.Add(member[..^4], NpyReader.Read(bytes, describe));
        }
        return arrays;
    }
}
