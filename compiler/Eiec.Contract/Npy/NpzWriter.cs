namespace Eiec.Contract.Npy;

/// <summary>
/// Writes a .npz archive readable by <c>np.load</c>: one <c>key.npy</c> member per array, in the
/// given order, with fixed timestamps so identical input gives identical bytes.
/// </summary>
public static class NpzWriter
{
    /// <param name="compress">
    /// Deflate members like <c>np.savez_compressed</c>; otherwise store them like <c>np.savez</c>.
    /// </param>
    public static void Write(string path, IEnumerable<KeyValuePair<string, NpyArray>> arrays, bool compress = false)
    {
        var bytes = ToBytes(arrays, compress);
        AtomicFile.Write(path, ".npz archive", stream => stream.Write(bytes));
    }

    public static byte[] ToBytes(IEnumerable<KeyValuePair<string, NpyArray>> arrays, bool compress = false)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        var list = arrays.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, array) in list)
        {
            if (string.IsNullOrEmpty(key) || key.EndsWith('/'))
                throw new ArgumentException($"invalid .npz key '{key}'", nameof(arrays));
            if (!seen.Add(key)) throw new ArgumentException($"duplicate .npz key '{key}'", nameof(arrays));
            ArgumentNullException.ThrowIfNull(array);
        }
        return DeterministicZip.Build(zip =>
        {
            foreach (var (key, array) in list)
                DeterministicZip.Add(zip, key + ".npy", NpyWriter.ToBytes(array), compress);
        });
    }
}
