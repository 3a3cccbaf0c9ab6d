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
    [
        ImageFiles.Manifest, ImageFiles.Binary, ImageFiles.ReportMarkdown, ImageFiles.ReportJson,
        ImageFiles.MemoryDir, ImageFiles.RtlDir,
    ];

    /// <summary>The largest output a build may write; beyond it the configuration is almost certainly a typo.</summary>
    /// <summary>Whether a top-level entry of an image directory is one of eiec's own files.</summary>
    public static bool IsImageEntry(string name) => OwnEntries.Contains(name);

    public const long MaxOutputBytes = 4L << 30;

    /// <summary>Free space kept beyond the output's own size, for the file system's bookkeeping.</summary>
    private const long SpareBytes = 16L << 20;

    /// <param name="target">The output directory.</param>
    /// <param name="write">Writes the content into the (empty) staging directory it is given.</param>
    /// <param name="expectedBytes">What <paramref name="write"/> will write (0 = unknown): checked
    /// against <see cref="MaxOutputBytes"/> and the free disk space before anything is written.</param>
    public static void Produce(string target, Action<string> write, long expectedBytes = 0) =>
        Produce(target, write, expectedBytes, ImageFiles.Manifest, OwnEntries);

    /// <summary>
    /// The same for an output that is not an image (<c>eiec rtl</c>): a directory is replaced only if it
    /// holds <paramref name="marker"/> and nothing outside <paramref name="ownEntries"/>.
    /// </summary>
    public static void Produce(string target, Action<string> write, long expectedBytes, string marker,
        IReadOnlySet<string> ownEntries)
    {
        ArgumentNullException.ThrowIfNull(ownEntries);
        if (string.IsNullOrWhiteSpace(target)) throw new EiecException("the output directory is empty");
        string full;
        try { full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target)); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        { throw new EiecException($"{target}: not a usable output path: {e.Message}"); }
        var parent = Path.GetDirectoryName(full);
        var name = Path.GetFileName(full);
        if (parent is null || name.Length == 0)
            throw new EiecException($"{target}: refusing to use a file-system root as the output directory");
        if (File.Exists(full)) throw new EiecException($"{target}: output path is a file, not a directory");
        if (expectedBytes > MaxOutputBytes)
            throw new EiecException($"{target}: the output would take {expectedBytes} bytes, more than the " +
                $"{MaxOutputBytes} a build may write; check the memory sizes in the accelerator config");

        try
        {
            Directory.CreateDirectory(parent);
            var lockPath = Path.Combine(parent, $".{name}.lock");
            using var held = Lock(target, lockPath);
            RemoveStale(parent, name, full);
            CheckReplaceable(target, full, marker, ownEntries);
            CheckSpace(target, parent, expectedBytes);
            var staging = Path.Combine(parent, $".{name}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
            string? old = null;
            using var cleanup = Interruption.OnSignal(() =>
            {
                // Mid-swap: with no output in place, the old copy goes back (the target is as before);
                // with the new output in place, the old copy is what is left to delete.
                if (old is not null && Directory.Exists(old))
                {
                    if (!Directory.Exists(full)) Directory.Move(old, full);
                    else Interruption.DeleteDirectory(old);
                }
                Interruption.DeleteDirectory(staging);
                File.Delete(lockPath); // Held by this process; the process ends right after.
            });
            Directory.CreateDirectory(staging);
            try { write(staging); }
            catch
            {
                TryDelete(staging);
                throw;
            }
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

    /// <summary>
    /// An exclusive lock on <c>.NAME.lock</c> beside the output (flock on Linux, released when the
    /// process ends however it ends), so two builds into one directory cannot interleave.
    /// </summary>
    private static FileStream Lock(string target, string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1,
                FileOptions.DeleteOnClose);
        }
        catch (IOException e)
        {
            throw new EiecException($"{target}: another eiec is writing this output (lock {path} is held); " +
                $"wait for it to finish or choose another -o ({e.Message})");
        }
    }

    /// <summary>
    /// Removes what an interrupted run (SIGKILL, power loss) left beside the output: staging copies and
    /// old copies. The lock is held, so none belongs to a running build. If the swap itself was cut
    /// short (no output, an old copy), the old copy is the last good output and is put back first.
    /// </summary>
    private static void RemoveStale(string parent, string name, string full)
    {
        // Filtered by prefix rather than a search pattern: an output name may hold '*' or '?'.
        var leftovers = Directory.EnumerateDirectories(parent, ".*").Select(Path.GetFileName).OfType<string>().ToList();
        var olds = leftovers.Where(d => d.StartsWith($".{name}.old-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Select(d => Path.Combine(parent, d)).ToList();
        if (!Directory.Exists(full) && olds.Count > 0)
        {
            Directory.Move(olds[^1], full);
            olds.RemoveAt(olds.Count - 1);
        }
        var staged = leftovers.Where(d => d.StartsWith($".{name}.tmp-", StringComparison.Ordinal))
            .Select(d => Path.Combine(parent, d));
        foreach (var dir in olds.Concat(staged))
            TryDelete(dir);
    }

    private static void CheckSpace(string target, string parent, long expectedBytes)
    {
        if (expectedBytes <= 0) return;
        long free;
        try { free = new DriveInfo(parent).AvailableFreeSpace; }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return; // Unknown: the write itself still fails cleanly if the disk fills.
        }
        if (free < expectedBytes + SpareBytes)
            throw new EiecException($"{target}: the output needs {expectedBytes} bytes but only {free} are free " +
                $"on the disk holding {parent}");
    }

    private static void CheckReplaceable(string target, string full, string marker, IReadOnlySet<string> own)
    {
        if (!Directory.Exists(full)) return;
        var entries = Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).ToList();
        if (entries.Count == 0) return;
        string what = marker == ImageFiles.Manifest ? "an eiec image" : "an eiec output";
        if (!entries.Contains(marker))
            throw new EiecException($"{target}: refusing to replace a non-empty directory that is not {what} " +
                $"(no {marker})");
        var foreign = entries.Where(e => !own.Contains(e!)).Order().ToList();
        if (foreign.Count > 0)
        {
            string kind = marker == ImageFiles.Manifest ? "image" : "output";
            throw new EiecException($"{target}: refusing to replace this {kind}: it also holds " +
                $"{string.Join(", ", foreign.Take(5))}{(foreign.Count > 5 ? ", ..." : "")}, " +
                "which eiec did not write; move them or choose another -o");
        }
    }

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
