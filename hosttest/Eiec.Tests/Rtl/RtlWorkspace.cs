using System.Collections.Concurrent;

namespace Eiec.Tests.Rtl;

/// <summary>
/// Directories of the RTL tests under the system temp dir (eiec-rtl-tests/). Compiled benches and
/// lint directories live for the test process ("proc-" prefix): removed when it exits, and, since
/// the test host is often stopped without running exit handlers, by the next test process once
/// the process that made them is gone. A case directory is removed when its case passes and kept
/// when it fails, so the failure message names an image that still exists; kept ones older than
/// two days are removed.
/// </summary>
public static class RtlWorkspace
{
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "eiec-rtl-tests");

    private static readonly ConcurrentBag<string> ProcessScoped = [];

    private const string ProcessPrefix = "proc-";

    static RtlWorkspace()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var dir in ProcessScoped) TryDelete(dir);
        };
        SweepStale();
    }

    /// <summary>Removes process directories of processes that no longer run, and old kept failures.</summary>
    private static void SweepStale()
    {
        if (!Directory.Exists(Root)) return;
        foreach (var dir in Directory.GetDirectories(Root))
        {
            var name = Path.GetFileName(dir);
            var parts = name.Split('-');
            bool stale = name.StartsWith(ProcessPrefix, StringComparison.Ordinal)
                ? parts.Length >= 3 && int.TryParse(parts[^2], out int pid) && !IsRunning(pid)
                : Directory.GetLastWriteTimeUtc(dir) < DateTime.UtcNow.AddDays(-2);
            if (stale) TryDelete(dir);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>A new empty directory named after <paramref name="name"/> (made unique).</summary>
    public static string NewDirectory(string name, bool deleteAtExit)
    {
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        var dir = Path.Combine(Root,
            $"{(deleteAtExit ? ProcessPrefix : "")}{safe}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(dir);
        if (deleteAtExit) ProcessScoped.Add(dir);
        return dir;
    }

    public static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
