using Eiec.Compiler.Diagnostics;

namespace Eiec.Compiler.Image;

/// <summary>
/// Produces an output directory all-or-nothing: the content is written into a fresh sibling
/// directory, and only when that succeeded does it replace the target (rename, then delete the old
/// one). A failure leaves the target exactly as it was. A target that exists but is not an eiec image
/// is never replaced, so a mistyped <c>-o</c> cannot wipe a user's directory.
/// </summary>
public static class AtomicDirectory
{
    public static void Produce(string target, Action<string> write)
    {
        var full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(full)) throw new EiecException($"{target}: output path is a file, not a directory");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any()
            && !File.Exists(Path.Combine(full, ImageFiles.Manifest)))
            throw new EiecException($"{target}: refusing to replace a non-empty directory that is not an eiec image (no {ImageFiles.Manifest})");
        var parent = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(full);
        var staging = Path.Combine(parent, $".{name}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
        }
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

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
