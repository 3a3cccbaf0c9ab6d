using System.Globalization;

namespace Eiec.Cli;

/// <summary>
/// Writes the full details of an internal error (command line, exception with stack trace) to a
/// file in the temporary directory, so the console shows one line and the report can still be filed.
/// </summary>
internal static class CrashLog
{
    /// <returns>The log's path, or null if it could not be written (the error itself still prints).</returns>
    public static string? Write(Exception e, IReadOnlyList<string> args)
    {
        try
        {
            var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var path = Path.Combine(Path.GetTempPath(), $"eiec-internal-error-{stamp}-{Environment.ProcessId}.log");
            File.WriteAllText(path,
                $"eiec {string.Join(' ', args)}\n{typeof(CrashLog).Assembly.GetName().Version}\n\n{e}\n");
            return path;
        }
        catch (Exception inner) when (inner is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
