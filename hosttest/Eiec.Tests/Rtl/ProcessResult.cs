namespace Eiec.Tests.Rtl;

/// <summary>What an external tool did: exit code and everything it printed.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public string Output => Stdout + Stderr;

    /// <summary>The last lines of the output, for failure messages.</summary>
    public string Tail(int lines = 30)
    {
        var all = Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join("\n", all.Skip(Math.Max(0, all.Length - lines)));
    }
}
