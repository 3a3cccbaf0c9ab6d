using System.CommandLine;
using Eiec.Cli.Commands;
using Eiec.Contract.Diagnostics;

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
            ExportCommand.Create(),
            SensitivityCommand.Create(),
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
            // Usage errors get the same one-line treatment as every other error; --help shows usage.
            if (parse.Errors.Count > 0)
            {
                var help = parse.CommandResult.Command is RootCommand ? "eiec --help" : $"eiec {parse.CommandResult.Command.Name} --help";
                return Fail(error, $"{parse.Errors[0].Message} (see `{help}`)");
            }
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (EiecException e)
        {
            return Fail(error, e.Message);
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.FirstOrDefault(x => x is EiecException) is { } inner)
        {
            // Parallel loops (image reading, compilation) wrap the user error they stop on.
            return Fail(error, inner.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file-system failure no command anticipated (disk full, permissions): still one line.
            return Fail(error, e.Message);
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"eiec: error: {message}");
        return 1;
    }
}
