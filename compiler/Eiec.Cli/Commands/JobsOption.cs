using System.CommandLine;

namespace Eiec.Cli.Commands;

/// <summary><c>--jobs/-j N</c>: how many cores a batch, simulation or sweep may use.</summary>
public static class JobsOption
{
    public static Option<int?> Create(string what) => new("--jobs", "-j")
    {
        Description = $"Worker threads for {what} (default: every core, {Environment.ProcessorCount} here); " +
                      "results do not depend on it",
        HelpName = "N",
    };
}
