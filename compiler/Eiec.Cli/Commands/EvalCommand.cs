using System.CommandLine;
using System.Globalization;
using Eiec.Compiler.Lowering;
using Eiec.Toolchain;
using Eiec.Toolchain.Evaluation;
using Spectre.Console;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec eval --data DIR|x.npz dense.npz model.cz [image-dir]`: top-1 accuracy on the test split of
/// the dense float model, the compressed model in float, and the fixed-point golden model (on the
/// given image, or on one compiled here), then the cycle simulator, whose layer outputs are checked
/// against the golden model's (<see cref="EiecToolchain.Evaluate"/>).
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var dense = new Argument<string>("dense") { Description = "Dense model (.npz or .onnx)" };
        var cz = new Argument<string?>("model")
        {
            Description = "Compressed model (.cz); without it, only the dense model is scored",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var image = new Argument<string?>("image")
        {
            Description = "Compiled image directory (default: compile the .cz here)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var data = new Option<string>("--data")
        {
            Description = "Test data: IDX directory (t10k-* files) or .npz (x_test/y_test, else x/y)",
            Required = true,
        };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N test examples" };
        var simLimit = new Option<int?>("--sim-limit")
        {
            Description = "Run the cycle simulator on only the first N test examples (default: all; 0: skip it)",
        };
        var actFrac = new Option<int>("--act-frac")
        {
            Description = "Activation fraction bits when compiling here (docs/fixed-point.md)",
            DefaultValueFactory = _ => ImageCompiler.DefaultActivationFracBits,
        };
        var config = new ConfigOptions();
        var command = new Command("eval",
            "Top-1 accuracy of a model dense, compressed in float, in fixed point (golden model) and on the cycle "
            + "simulator") { dense, cz, image };
        command.Options.Add(data);
        command.Options.Add(limit);
        command.Options.Add(simLimit);
        command.Options.Add(actFrac);
        config.AddTo(command);
        command.SetAction(parse =>
        {
            var ui = new TrainingConsole(parse);
            string? czPath = parse.GetValue(cz);
            if (parse.GetValue(limit) is { } n) OptionChecks.AtLeast("--limit", n, 1);
            if (parse.GetValue(simLimit) is { } sn) OptionChecks.AtLeast("--sim-limit", sn, 0);
            OptionChecks.InRange("--act-frac", parse.GetValue(actFrac), 0, 15);
            var result = EiecToolchain.Evaluate(new EvaluateRequest
            {
                DataPath = parse.GetValue(data)!, DenseModelPath = parse.GetValue(dense)!, ModelPath = czPath,
                ImageDir = parse.GetValue(image),
                Config = parse.GetValue(image) is null ? config.Resolve(parse) : new(),
                ActivationFracBits = parse.GetValue(actFrac),
                Limit = parse.GetValue(limit), SimLimit = parse.GetValue(simLimit),
            });
            ui.Console.Write(Table(result.Rows, result.Labels));
            int simExamples = result.SimulatedExamples;
            if (simExamples > 0)
            {
                var mismatch = result.SimulatorDifference;
                ui.WriteLine(mismatch is null
                    ? "cycle simulator: every layer output equals the golden model's, bit for bit, "
                        + $"on all {simExamples:N0} simulated examples"
                    : $"cycle simulator differs from the golden model: first at {mismatch.Describe()}");
                if (mismatch is not null) return 1;
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// One line per row; Δ is against the dense row on the same examples (a row may cover only the first N).
    /// </summary>
    public static Table Table(IReadOnlyList<AccuracyRow> rows, int[] labels)
    {
        var golden = rows.FirstOrDefault(r => r.Name.StartsWith("fixed-point golden", StringComparison.Ordinal));
        var table = new Table().AddColumns(
            "model", "top-1", "Δ vs dense (same examples)", "same prediction as golden", "time");
        table.Title = new TableTitle(
            string.Create(CultureInfo.InvariantCulture, $"top-1 accuracy on {labels.Length:N0} test examples"));
        foreach (var r in rows)
        {
            int n = r.Predictions.Length;
            double dense = Accuracy(rows[0].Predictions, labels, n);
            table.AddRow(Markup.Escape(r.Name), F(r.Accuracy * 100, "F2") + " %",
                F((r.Accuracy - dense) * 100, "+0.00;-0.00;0.00") + " pt",
                golden is null
                    ? "-"
                    : string.Create(CultureInfo.InvariantCulture, $"{r.AgreementWith(golden):N0}/{n:N0}"),
                F(r.Elapsed.TotalSeconds, "F1") + " s");
        }
        return table;
    }

    private static double Accuracy(int[] predictions, int[] labels, int n)
    {
        int correct = 0;
        for (int k = 0; k < n; k++) if (predictions[k] == labels[k]) correct++;
        return n == 0 ? 0 : (double)correct / n;
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
