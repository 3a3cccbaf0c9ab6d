using Eiec.Compiler.Diagnostics;

namespace Eiec.Compiler.Npy;

/// <summary>
/// Writes a file via a temporary sibling and a rename, so a crash or a full disk never leaves a
/// half-written model where a good one used to be.
/// </summary>
internal static class AtomicFile
{
    /// <param name="what">Describes the content in error messages ("compressed model").</param>
    public static void Write(string path, string what, Action<Stream> write)
    {
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        { throw new EiecException($"{path}: cannot write {what}: {e.Message}"); }
        var directory = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EiecException($"{path}: cannot write {what}: {e.Message}");
        }
        finally
        {
            try { if (File.Exists(temp)) File.Delete(temp); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}
