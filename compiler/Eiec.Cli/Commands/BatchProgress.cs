using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Eiec.Cli.Commands;

/// <summary>
/// Progress of a batch of vectors: a Spectre progress bar on a terminal; when output is redirected
/// (logs, CI), a line on standard error at every tenth of a long batch, so stdout stays the report.
/// </summary>
public static class BatchProgress
{
    // Shorter batches finish before a bar or a line is worth showing.
    private const int BarFrom = 64;
    private const int LinesFrom = 1000;

    /// <param name="parse">The command's parse result (its error writer).</param>
    /// <param name="console">The command's console (decides whether the terminal is interactive).</param>
    /// <param name="verb">What is done to each vector, e.g. "simulated".</param>
    /// <param name="work">Runs the batch, reporting (vectors finished so far, batch size) from any thread.</param>
    public static T Run<T>(ParseResult parse, IAnsiConsole console, string verb, Func<Action<int, int>, T> work)
    {
        var gate = new object();
        int shown = 0;
        if (console.Profile.Capabilities.Interactive)
        {
            T result = default!;
            console.Progress().AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    ProgressTask? task = null;
                    // Calls arrive from several threads, not necessarily in order: only move forward.
                    result = work((done, total) =>
                    {
                        lock (gate)
                        {
                            if (total < BarFrom || done <= shown) return;
                            task ??= ctx.AddTask($"{verb} vectors", maxValue: total);
                            task.Value = shown = done;
                        }
                    });
                });
            return result;
        }
        var error = parse.InvocationConfiguration.Error;
        return work((done, total) =>
        {
            lock (gate)
            {
                if (total < LinesFrom || done <= shown) return;
                bool nextTenth = 10L * done / total > 10L * shown / total;
                shown = done;
                if (nextTenth)
                    error.WriteLine(
                        string.Create(CultureInfo.InvariantCulture, $"{verb} {done:N0}/{total:N0} vectors"));
            }
        });
    }
}
