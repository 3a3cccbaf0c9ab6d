using System.Runtime.InteropServices;

namespace Eiec.Contract.Diagnostics;

/// <summary>
/// Clean-ups that must run if the process is stopped by SIGINT (Ctrl-C) or SIGTERM while an output
/// is being staged: the staging folder or temporary file is removed (and a half-swapped directory
/// put back) before the signal's default action ends the process. SIGKILL cannot be caught; the
/// writers remove what such a run leaves behind the next time they write the same output.
/// </summary>
public static class Interruption
{
    private static readonly object Gate = new();
    private static readonly Dictionary<long, Action> Pending = [];
    private static long _next;
    private static PosixSignalRegistration[]? _registrations;

    /// <summary>Runs <paramref name="cleanup"/> on SIGINT/SIGTERM until the result is disposed.</summary>
    public static IDisposable OnSignal(Action cleanup)
    {
        ArgumentNullException.ThrowIfNull(cleanup);
        lock (Gate)
        {
            _registrations ??= Register();
            var id = _next++;
            Pending.Add(id, cleanup);
            return new Registration(id);
        }
    }

    private static PosixSignalRegistration[] Register()
    {
        try
        {
            return [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
                    PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
        }
        catch (PlatformNotSupportedException)
        {
            return [];
        }
    }

    private static void Handle(PosixSignalContext context)
    {
        Action[] cleanups;
        lock (Gate) cleanups = [.. Pending.Values];
        if (cleanups.Length == 0) return; // Nothing staged: the signal's default action, unchanged.
        // Hold the default action back until the staged output is gone, then end the process with the
        // status a shell expects of that signal (128 + its number), as the default action would have.
        context.Cancel = true;
        foreach (var cleanup in cleanups)
        {
            try { cleanup(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        Environment.Exit(context.Signal == PosixSignal.SIGINT ? 130 : 143);
    }

    /// <summary>
    /// Deletes a directory other threads may still be writing into: retried until it is gone (a write
    /// into a deleted directory fails, so the writers stop adding to it) or a second has passed.
    /// </summary>
    public static void DeleteDirectory(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        for (var attempt = 0; attempt < 50 && Directory.Exists(path); attempt++)
        {
            try { Directory.Delete(path, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Thread.Sleep(20); }
        }
    }

    private sealed class Registration(long id) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate) Pending.Remove(id);
        }
    }
}
