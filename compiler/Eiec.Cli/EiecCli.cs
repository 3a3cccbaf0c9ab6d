using System.CommandLine;
using Eiec.Cli.Commands;
using Eiec.Compiler.Diagnostics;

namespace Eiec.Cli;

/// <summary>
/// The `eiec` command tree. Each subcommand lives in Commands/, one file each. Errors that users
/// can cause surface as <see cref="EiecException"/>: one line on stderr, exit code 1, no stack trace.
/// </summary>
public static class EiecCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("eiec: compiler, golden model, simulator and RTL generator for EIE-style sparse accelerators");
        foreach (var command in new[]
        {
            BuildCommand.Create(),
            RunCommand.Create(),
            GenCommand.Create(),
            SimCommand.Create(),
            SweepCommand.Create(),
            TrainCommand.Create(),
            CompressCommand.Create(),
            EvalCommand.Create(),
        })
            root.Subcommands.Add(command);
        return root;
    }

    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        try
        {
            var parse = Build().Parse(args);
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (EiecException e)
        {
            error.WriteLine($"eiec: error: {e.Message}");
            return 1;
        }
    }
}
