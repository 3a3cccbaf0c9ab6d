using System.CommandLine;
using System.Globalization;
using Eiec.FrontEnd.Training;
using Spectre.Console;

namespace Eiec.Cli.Commands;

/// <summary>
/// Spectre.Console display of training: a progress bar per phase (epoch, loss, accuracy in its
/// description) while training runs, then a table of every epoch.
/// </summary>
public sealed class TrainingConsole
{
    private readonly IAnsiConsole _console;
    private readonly List<EpochReport> _epochs = new();
    private readonly bool _terminal;

    public TrainingConsole(ParseResult parse)
    {
        var writer = parse.InvocationConfiguration.Output;
        // A terminal gets colours and a live progress bar; a file, pipe or test writer gets plain text.
        bool terminal = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) _console.Profile.Width = 160;
        _terminal = terminal;
    }

    public IAnsiConsole Console => _console;

    /// <summary>Runs <paramref name="work"/>, showing each epoch it reports.</summary>
    public T Run<T>(Func<Action<EpochReport>, Action<TrainingProgress>, T> work)
    {
        T result = default!;
        if (!_terminal)
        {
            // No live display off a terminal: one line per epoch, as it finishes.
            result = work(report =>
            {
                _epochs.Add(report);
                _console.WriteLine(Describe(report) +
                    string.Create(CultureInfo.InvariantCulture, $" ({report.Elapsed.TotalSeconds:F1} s)"));
            }, _ => { });
            if (_epochs.Count > 0) _console.Write(EpochTable());
            return result;
        }
        _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                ProgressTask Task(string phase, int epochs)
                {
                    if (!tasks.TryGetValue(phase, out var task))
                        tasks[phase] = task = ctx.AddTask(Markup.Escape($"{phase} epoch 1/{epochs}"), maxValue: epochs);
                    return task;
                }
                result = work(report =>
                {
                    var task = Task(report.Phase, report.Epochs);
                    task.Value = report.Epoch;
                    task.Description = Markup.Escape(Describe(report));
                    _epochs.Add(report);
                }, progress => Task(progress.Phase, progress.Epochs).Value = progress.EpochsDone);
            });
        if (_epochs.Count > 0) _console.Write(EpochTable());
        return result;
    }

    public void WriteLine(string text) => _console.WriteLine(text);

    private Table EpochTable()
    {
        var table = new Table().AddColumns("phase", "epoch", "loss", "train top-1", "test top-1", "time");
        foreach (var e in _epochs)
            table.AddRow(Markup.Escape(e.Phase), $"{e.Epoch}/{e.Epochs}", F(e.Loss, "F4"), F(e.TrainAccuracy, "P2"),
                e.TestAccuracy is { } t ? F(t, "P2") : "-", F(e.Elapsed.TotalSeconds, "F1") + " s");
        return table;
    }

    private static string Describe(EpochReport e) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{e.Phase} epoch {e.Epoch}/{e.Epochs} loss {e.Loss:F4} train {e.TrainAccuracy:P2}") +
        (e.TestAccuracy is { } t ? string.Create(CultureInfo.InvariantCulture, $" test {t:P2}") : "");

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
