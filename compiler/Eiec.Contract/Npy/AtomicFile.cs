using System.Text;
using Eiec.Contract.Diagnostics;

namespace Eiec.Contract.Npy;

/// <summary>
/// The one file-level atomic write: content goes to a temporary sibling (same directory, so the
/// rename never crosses file systems), is flushed, then renamed over the target. A crash, a full
/// disk or a bad path never leaves a half-written file where a good one used to be, and the
/// temporary file is always removed on failure. I/O and permission errors become one
/// <see cref="EiecException"/> naming the path. Several files that must appear together go through
/// <see cref="StagedFiles"/>; <see cref="CheckWritable"/> validates a path before any work is done.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="what">Describes the content in error messages ("compressed model").</param>
    public static void Write(string path, string what, Action<Stream> write)
    {
        using var staged = new StagedFiles();
        staged.Add(path, what, write);
        staged.Commit();
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteText(string path, string what, string text) =>
        Write(path, what, s => s.Write(Utf8.GetBytes(text)));

    internal static byte[] Bytes(string text) => Utf8.GetBytes(text);

    /// <summary>
    /// Throws unless <paramref name="path"/> could be written now: a valid path, not a directory, in
    /// an existing directory this process may create files in. Call it before long work so a bad
    /// output path fails up front instead of after the work (and without writing anything).
    /// </summary>
    public static void CheckWritable(string path, string what)
    {
        var full = Resolve(path, what);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var probe = TempName(full);
        try
        {
            using (new FileStream(
                probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EiecException(
                $"{path}: cannot write {what}: directory '{directory}' is not writable ({e.Message})");
        }
        finally
        {
            TryDelete(probe);
        }
    }

    /// <summary>
    /// The full path, or one clear error: invalid, a directory, or in a directory that does not exist.
    /// </summary>
    internal static string Resolve(string path, string what)
    {
        string full;
        try
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("the path is empty");
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new EiecException($"{path}: cannot write {what}: {e.Message}");
        }
        if (Directory.Exists(full)) throw new EiecException($"{path}: cannot write {what}: it is a directory");
        var directory = Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
            throw new EiecException(File.Exists(directory)
                ? $"{path}: cannot write {what}: '{directory}' is a file, not a directory"
                : $"{path}: cannot write {what}: directory '{directory}' does not exist");
        return full;
    }

    internal static string TempName(string full) =>
        Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");

    internal static void TryDelete(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}

/// <summary>
/// Several files written all-or-nothing (as far as a file system allows): <see cref="Add"/> writes
/// each to a temporary sibling at once, <see cref="Commit"/> renames them all into place at the end,
/// and disposing without a commit (an error anywhere) deletes every temporary file, so no target is
/// created or replaced.
/// </summary>
public sealed class StagedFiles : IDisposable
{
    private readonly List<(string Path, string What, string Full, string Temp)> _files = [];
    private bool _committed;

    /// <summary>Writes the content now, to a temporary file beside <paramref name="path"/>.</summary>
    public void Add(string path, string what, Action<Stream> write)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        var full = AtomicFile.Resolve(path, what);
        if (_files.Any(f => string.Equals(f.Full, full, StringComparison.Ordinal)))
            throw new EiecException($"{path}: given for two outputs; each output needs its own file");
        var temp = AtomicFile.TempName(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            AtomicFile.TryDelete(temp);
            throw new EiecException($"{path}: cannot write {what}: {e.Message}");
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
        _files.Add((path, what, full, temp));
    }

    /// <summary>UTF-8 text without a byte-order mark.</summary>
    public void AddText(string path, string what, string text)
    {
        var bytes = AtomicFile.Bytes(text);
        Add(path, what, s => s.Write(bytes));
    }

    /// <summary>Renames every staged file over its target.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        for (int i = 0; i < _files.Count; i++)
        {
            var f = _files[i];
            try { File.Move(f.Temp, f.Full, overwrite: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new EiecException($"{f.Path}: cannot write {f.What}: {e.Message}");
            }
        }
        _committed = true;
        _files.Clear();
    }

    public void Dispose()
    {
        foreach (var f in _files) AtomicFile.TryDelete(f.Temp);
        _files.Clear();
        _committed = true;
    }
}
