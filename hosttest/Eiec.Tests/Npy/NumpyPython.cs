using System.Diagnostics;

namespace Eiec.Tests.Npy;

/// <summary>
/// Runs Debian's system Python, which has NumPy and SciPy (the python3 on PATH may not). A missing
/// interpreter or library fails the test with instructions rather than skipping it: the interop
/// tests are the only proof that our files mean to NumPy what they mean to us.
/// </summary>
public static class NumpyPython
{
    public const string Interpreter = "/usr/bin/python3";

    private static readonly Lazy<string?> Problem = new(CheckInstallation);

    /// <summary>Runs a script and returns its stdout; throws with stderr on a non-zero exit.</summary>
    public static string Run(string script, params string[] args) => RunIn(null, script, args);

    /// <param name="workingDirectory">Where relative paths in the script land; null = inherit.</param>
    public static string RunIn(string? workingDirectory, string script, params string[] args)
    {
        if (Problem.Value is { } problem) throw new InvalidOperationException(problem);
        if (!File.Exists(script)) throw new InvalidOperationException($"fixture script not found: {script}");
        var (code, stdout, stderr) = Execute([script, .. args], workingDirectory);
        if (code != 0)
            throw new InvalidOperationException(
                $"{Interpreter} {script} {string.Join(' ', args)} exited with {code}:\n{stderr}");
        return stdout;
    }

    private static string? CheckInstallation()
    {
        if (!File.Exists(Interpreter))
            return $"{Interpreter} not found: the NumPy interop tests need Debian's python3 with numpy and scipy " +
                "(apt-get install python3-numpy python3-scipy)";
        var (code, _, stderr) = Execute(["-c", "import numpy, scipy.sparse"]);
        return code == 0 ? null
            : $"{Interpreter} cannot import numpy/scipy (apt-get install python3-numpy python3-scipy): {stderr.Trim()}";
    }

    private static (int Code, string Stdout, string Stderr) Execute(string[] args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(Interpreter)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {Interpreter}");
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Interpreter} {string.Join(' ', args)} timed out");
        }
        return (process.ExitCode, stdout, stderrTask.Result);
    }
}
