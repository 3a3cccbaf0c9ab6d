using System.Diagnostics;

namespace Eiec.Tests.Rtl;

/// <summary>
/// Runs the HDL tools (iverilog, vvp, verilator) as processes. A missing tool is a test FAILURE
/// with a message saying what to install, never a skip: a green run must mean the RTL was checked.
/// </summary>
public static class ExternalTool
{
    private static readonly Dictionary<string, string> Packages = new()
    {
        ["iverilog"] = "iverilog", ["vvp"] = "iverilog", ["verilator"] = "verilator", ["yosys"] = "yosys",
        ["tclsh"] = "tcl",
    };

    /// <summary>The full path of <paramref name="name"/> on PATH; throws naming the package if absent.</summary>
    public static string Require(string name) => Require(name, Environment.GetEnvironmentVariable("PATH"));

    /// <summary>
    /// As <see cref="Require(string)"/>, searching <paramref name="searchPath"/> (a PATH-style list).
    /// </summary>
    public static string Require(string name, string? searchPath)
    {
        foreach (var dir in (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        var package = Packages.GetValueOrDefault(name, name);
        throw new InvalidOperationException(
            $"'{name}' was not found on PATH; the RTL tests need it and fail without it (they never skip). " +
            $"Install it, e.g. `apt-get install {package}` on Debian/Ubuntu.");
    }

    public static ProcessResult Run(string tool, IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        var path = Require(tool);
        var info = new ProcessStartInfo(path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        var command = tool + " " + string.Join(" ", info.ArgumentList);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {command}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
            throw new TimeoutException($"{command} (in {workingDirectory}) did not finish within " +
                $"{timeout.TotalSeconds:F0} s");
        }
        process.WaitForExit();
        return new ProcessResult(command, process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }
}
