using System.Collections.Concurrent;

namespace Eiec.Tests.Rtl;

/// <summary>
/// Directories of the RTL tests under the system temp dir (eiec-rtl-tests/). Compiled benches live
/// for the test process and are removed when it exits; a case directory is removed when its case
/// passes and kept when it fails, so the failure message can name an image that still exists.
/// </summary>
public static class RtlWorkspace
{
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "eiec-rtl-tests");

    private static readonly ConcurrentBag<string> ProcessScoped = [];

    static RtlWorkspace()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var dir in ProcessScoped) TryDelete(dir);
        };
    }

    /// <summary>A new empty directory named after <paramref name="name"/> (made unique).</summary>
    public static string NewDirectory(string name, bool deleteAtExit)
    {
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        var dir = Path.Combine(Root, $"{safe}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
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
