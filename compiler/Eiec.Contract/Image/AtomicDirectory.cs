using Eiec.Contract.Diagnostics;

namespace Eiec.Contract.Image;

/// <summary>
/// Produces an output directory all-or-nothing: the content is written into a fresh sibling
/// directory, and only when that succeeded does it replace the target (rename, then delete the old
/// one). A failure leaves the target exactly as it was. A target is only ever replaced if it is an
/// eiec image holding nothing but eiec's own files, so a mistyped <c>-o</c> cannot wipe a user's
/// directory and a rebuild cannot delete files a user put next to an image.
/// </summary>
public static class AtomicDirectory
{
    /// <summary>Top-level entries an image directory may hold; anything else belongs to the user.</summary>
    private static readonly HashSet<string> OwnEntries =
        [ImageFiles.Manifest, ImageFiles.ReportMarkdown, ImageFiles.ReportJson, ImageFiles.MemoryDir, ImageFiles.RtlDir];

    public static void Produce(string target, Action<string> write)
    {
        if (string.IsNullOrWhiteSpace(target)) throw new EiecException("the output directory is empty");
        string full;
        try { full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target)); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        { throw new EiecException($"{target}: not a usable output path: {e.Message}"); }
        var parent = Path.GetDirectoryName(full);
        var name = Path.GetFileName(full);
        if (parent is null || name.Length == 0) throw new EiecException($"{target}: refusing to use a file-system root as the output directory");
        if (File.Exists(full)) throw new EiecException($"{target}: output path is a file, not a directory");
        CheckReplaceable(target, full);

        try
        {
            Directory.CreateDirectory(parent);
            var staging = Path.Combine(parent, $".{name}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(staging);
            try { write(staging); }
            catch
            {
                TryDelete(staging);
                throw;
            }
            string? old = null;
            if (Directory.Exists(full))
            {
                old = Path.Combine(parent, $".{name}.old-{Environment.ProcessId}-{Guid.NewGuid():N}");
                Directory.Move(full, old);
            }
            try { Directory.Move(staging, full); }
            catch
            {
                if (old is not null) Directory.Move(old, full);
                TryDelete(staging);
                throw;
            }
            if (old is not null) TryDelete(old);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EiecException($"{target}: cannot write the output directory: {e.Message}");
        }
    }

    private static void CheckReplaceable(string target, string full)
    {
        if (!Directory.Exists(full)) return;
        var entries = Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).ToList();
        if (entries.Count == 0) return;
        if (!entries.Contains(ImageFiles.Manifest))
            throw new EiecException($"{target}: refusing to replace a non-empty directory that is not an eiec image (no {ImageFiles.Manifest})");
        var foreign = entries.Where(e => !OwnEntries.Contains(e!)).Order().ToList();
        if (foreign.Count > 0)
            throw new EiecException($"{target}: refusing to replace this image: it also holds {string.Join(", ", foreign.Take(5))}{(foreign.Count > 5 ? ", ..." : "")}, which eiec did not write; move them or choose another -o");
    }

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
