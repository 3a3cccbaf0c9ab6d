using System.CommandLine;
using System.Globalization;
using Eiec.Compiler.Cz;
using Eiec.Compiler.Datasets;
using Eiec.Compiler.Image;
using Eiec.Compiler.Import;
using Eiec.Compiler.Lowering;
using Eiec.Compiler.Training;
using Spectre.Console;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec eval --data DIR|x.npz dense.npz model.cz [image-dir]`: top-1 accuracy on the test split of
/// the dense float model, the compressed model in float, and the fixed-point golden model (on the
/// given image, or on one compiled here). Each row is one <see cref="ModelEvaluator"/> call; the
/// cycle simulator is one more row with the same agreement check against the golden model.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var dense = new Argument<string>("dense") { Description = "Dense model (.npz or .onnx)" };
        var cz = new Argument<string>("model") { Description = "Compressed model (.cz)" };
        var image = new Argument<string?>("image") { Description = "Compiled image directory (default: compile the .cz here)", Arity = ArgumentArity.ZeroOrOne };
        var data = new Option<string>("--data") { Description = "Test data: IDX directory (t10k-* files) or .npz (x_test/y_test, else x/y)", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N test examples" };
        var actFrac = new Option<int>("--act-frac") { Description = "Activation fraction bits when compiling here (docs/fixed-point.md)", DefaultValueFactory = _ => ImageCompiler.DefaultActivationFracBits };
        var config = new ConfigOptions();
        var command = new Command("eval", "Top-1 accuracy of the dense, compressed-float and fixed-point forms of a model") { dense, cz, image };
        command.Options.Add(data);
        command.Options.Add(limit);
        command.Options.Add(actFrac);
        config.AddTo(command);
        command.SetAction(parse =>
        {
            var ui = new TrainingConsole(parse);
            string czPath = parse.GetValue(cz)!;
            var test = DatasetLoader.Load(parse.GetValue(data)!).Test.Take(parse.GetValue(limit));
            var denseModel = DenseModelLoader.Load(parse.GetValue(dense)!);
            var model = CzReader.Read(czPath);
            var compiled = parse.GetValue(image) is { } dir ? ImageReader.Read(dir)
                : ImageCompiler.Compile(model, config.Resolve(parse), parse.GetValue(actFrac), czPath);
            var rows = new List<AccuracyRow>
            {
                ModelEvaluator.DenseFloat(denseModel, test),
                ModelEvaluator.CompressedFloat(model, test),
                ModelEvaluator.Golden(compiled, test),
                // The cycle simulator (Eiec.Sim) joins here as one more row; it must agree with the golden row on every example.
            };
            ui.Console.Write(Table(rows, test.Count));
            return 0;
        });
        return command;
    }

    public static Table Table(IReadOnlyList<AccuracyRow> rows, int examples)
    {
        var golden = rows.FirstOrDefault(r => r.Name.StartsWith("fixed-point golden", StringComparison.Ordinal));
        var table = new Table().AddColumns("model", "top-1", "Δ vs dense", "same prediction as golden", "time");
        table.Title = new TableTitle(string.Create(CultureInfo.InvariantCulture, $"top-1 accuracy on {examples:N0} test examples"));
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Name), F(r.Accuracy * 100, "F2") + " %", F((r.Accuracy - rows[0].Accuracy) * 100, "+0.00;-0.00;0.00") + " pt",
                golden is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{r.AgreementWith(golden):N0}/{examples:N0}"),
                F(r.Elapsed.TotalSeconds, "F1") + " s");
        return table;
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
