using System.CommandLine;
using Eiec.Cli.Commands;
using Eiec.Contract.Diagnostics;

namespace Eiec.Cli;

/// <summary>
/// The `eiec` command tree. Each subcommand lives in Commands/, one file each. Errors that users
/// can cause surface as <see cref="EiecException"/>: one line on stderr, exit code 1, no stack trace.
/// Usage errors exit 2; anything else is an internal error: one line naming the log file that holds
/// the stack trace, exit code 3 (the trace is printed too with --verbose).
/// </summary>
public static class EiecCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "eiec: compiler, golden model, simulator and RTL generator for EIE-style sparse accelerators");
        foreach (var command in new[]
        {
            BuildCommand.Create(),
            RtlCommand.Create(),
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
        root.Options.Add(new Option<bool>(VerboseFlag)
        {
            Description = "On an internal error (exit code 3), also print the stack trace",
            Recursive = true,
        });
        return root;
    }

    /// <summary>Exit codes, documented in README.md ("Exit codes").</summary>
    public const int ExitOk = 0, ExitBadInput = 1, ExitUsage = 2, ExitInternal = 3;

    /// <summary>Accepted by every command: an internal error also prints its stack trace.</summary>
    public const string VerboseFlag = "--verbose";

    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        try
        {
            var parse = Build().Parse(args);
            // Usage errors get the same one-line treatment as every other error; --help shows usage.
            if (parse.Errors.Count > 0)
            {
                var help = parse.CommandResult.Command is RootCommand
                    ? "eiec --help"
                    : $"eiec {parse.CommandResult.Command.Name} --help";
                return Fail(error, $"{parse.Errors[0].Message} (see `{help}`)", ExitUsage);
            }
            return parse.Invoke(new InvocationConfiguration
            {
                Output = output, Error = error, EnableDefaultExceptionHandler = false,
            });
        }
        catch (EiecException e)
        {
            return Fail(error, e.Message, ExitBadInput);
        }
        catch (AggregateException e)
            when (e.Flatten().InnerExceptions.FirstOrDefault(x => x is EiecException) is { } inner)
        {
            // Parallel loops (image reading, compilation) wrap the user error they stop on.
            return Fail(error, inner.Message, ExitBadInput);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file-system failure no command anticipated (disk full, permissions): still one line.
            return Fail(error, e.Message, ExitBadInput);
        }
        catch (Exception e)
        {
            // Anything else is a bug in eiec, not in the input: one line saying where the details went.
            return ReportInternalError(error, e, args);
        }
    }

    /// <summary>Reports a bug in eiec: one line naming the log that holds the details (public for tests).</summary>
    public static int ReportInternalError(TextWriter error, Exception e, string[] args)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(args);
        var where = CrashLog.Write(e, args);
        var first = e is AggregateException a ? a.Flatten().InnerExceptions[0] : e;
        var detail = where is null ? "the details could not be written to a log file" : $"details in {where}";
        error.WriteLine($"eiec: internal error: {first.GetType().Name}: {OneLine(first.Message)} ({detail}; " +
            "please report it)");
        if (args.Contains(VerboseFlag)) error.WriteLine(e.ToString());
        return ExitInternal;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static int Fail(TextWriter error, string message, int code)
    {
        error.WriteLine($"eiec: error: {OneLine(message)}");
        return code;
    }
}
