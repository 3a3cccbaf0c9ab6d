using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;

namespace Eiec.Toolchain.Sweep;

/// <summary>The sweep's output directory: checked before the sweep runs, written all-or-nothing at the end.</summary>
public static class SweepOutput
{
    /// <summary>
    /// The output directory must be one (or be creatable: its nearest existing ancestor a writable
    /// directory). Checked before the sweep runs; nothing is created until the end.
    /// </summary>
    public static void CheckDirectory(string dir)
    {
        string full;
        try
        {
            if (string.IsNullOrWhiteSpace(dir)) throw new ArgumentException("the path is empty");
            full = Path.GetFullPath(dir);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new EiecException($"--output {dir}: not a valid directory path: {e.Message}");
        }
        if (File.Exists(full)) throw new EiecException($"--output {dir}: is a file; the sweep writes a directory");
        var existing = full;
        while (!Directory.Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) break;
            if (File.Exists(parent)) throw new EiecException($"--output {dir}: '{parent}' is a file, not a directory");
            existing = parent;
        }
        AtomicFile.CheckWritable(Path.Combine(existing, "sweep.csv"), $"sweep output ({dir})");
    }

    /// <summary>
    /// Creates the directory if needed and writes every file or none (a directory created here is
    /// removed on failure).
    /// </summary>
    public static void WriteAll(string dir, Action<StagedFiles> stage)
    {
        bool created = !Directory.Exists(dir);
        try
        {
            try { Directory.CreateDirectory(dir); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            { throw new EiecException($"--output {dir}: cannot create the directory: {e.Message}"); }
            using var staged = new StagedFiles();
            stage(staged);
            staged.Commit();
        }
        catch when (created)
        {
            try
            {
                if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            throw;
        }
    }
}
