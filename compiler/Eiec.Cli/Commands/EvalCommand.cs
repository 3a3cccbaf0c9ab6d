using Eiec.Toolchain.Evaluation;
using System.CommandLine;
using System.Globalization;
using Eiec.Contract.Cz;
using Eiec.FrontEnd.Datasets;
using Eiec.Golden;
using Eiec.Contract.Image;
using Eiec.FrontEnd.Import;
using Eiec.Compiler.Lowering;
using Eiec.FrontEnd.Training;
using Eiec.Sim;
using Spectre.Console;
using Eiec.Contract.Diagnostics;

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
        var cz = new Argument<string?>("model") { Description = "Compressed model (.cz); without it, only the dense model is scored", Arity = ArgumentArity.ZeroOrOne };
        var image = new Argument<string?>("image") { Description = "Compiled image directory (default: compile the .cz here)", Arity = ArgumentArity.ZeroOrOne };
        var data = new Option<string>("--data") { Description = "Test data: IDX directory (t10k-* files) or .npz (x_test/y_test, else x/y)", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N test examples" };
        var simLimit = new Option<int?>("--sim-limit") { Description = "Run the cycle simulator on only the first N test examples (default: all; 0: skip it)" };
        var actFrac = new Option<int>("--act-frac") { Description = "Activation fraction bits when compiling here (docs/fixed-point.md)", DefaultValueFactory = _ => ImageCompiler.DefaultActivationFracBits };
        var config = new ConfigOptions();
        var command = new Command("eval", "Top-1 accuracy of a model dense, compressed in float, in fixed point (golden model) and on the cycle simulator") { dense, cz, image };
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
            var raw = DatasetLoader.Load(parse.GetValue(data)!).Test.Take(parse.GetValue(limit));
            var denseModel = DenseModelLoader.Load(parse.GetValue(dense)!);
            if (czPath is null)
            {
                if (parse.GetValue(image) is not null) throw new EiecException("an image directory was given without a .cz model; give the .cz before it");
                var denseOnly = ModelEvaluator.DenseFloat(denseModel, raw.Normalized(denseModel.Input));
                ui.Console.Write(Table([denseOnly], raw.Labels));
                return 0;
            }
            var model = CzReader.Read(czPath);
            var compiled = parse.GetValue(image) is { } dir ? ImageReader.Read(dir)
                : ImageCompiler.Compile(model, config.Resolve(parse), parse.GetValue(actFrac), czPath);
            // Raw data is normalized as each model says (.npz input.mean/std, .cz input:, image.json input_normalization).
            var test = raw.Normalized(compiled.Manifest.InputNormalization);
            var rows = new List<AccuracyRow>
            {
                ModelEvaluator.DenseFloat(denseModel, raw.Normalized(denseModel.Input ?? model.Input)),
                ModelEvaluator.CompressedFloat(model, raw.Normalized(model.Input)),
                ModelEvaluator.Golden(compiled, test),
            };
            int simExamples = Math.Min(parse.GetValue(simLimit) ?? test.Count, test.Count);
            string? mismatch = null;
            if (simExamples > 0)
                rows.Add(Simulated(compiled, test.Take(simExamples), simExamples < test.Count, out mismatch));
            ui.Console.Write(Table(rows, test.Labels));
            if (simExamples > 0)
            {
                ui.WriteLine(mismatch is null
                    ? $"cycle simulator: every layer output equals the golden model's, bit for bit, on all {simExamples:N0} simulated examples"
                    : $"cycle simulator differs from the golden model: first at {mismatch}");
                if (mismatch is not null) return 1;
            }
            return 0;
        });
        return command;
    }

    /// <summary>Examples per <see cref="Simulator.RunBatch"/> call: one array is built and validated per chunk, not per example.</summary>
    private const int SimChunk = 64;

    /// <summary>
    /// The cycle simulator's row: the same quantized inputs as the golden row, run through
    /// <see cref="Simulator"/>. Every layer output of every example is also compared with the golden
    /// model's, bit for bit; <paramref name="firstMismatch"/> describes the first difference, if any.
    /// Examples run in chunks of <see cref="SimChunk"/>, each chunk one <see cref="Simulator.RunBatch"/>
    /// on its own array (chunks in parallel); outputs do not depend on what ran before on an array.
    /// </summary>
    public static AccuracyRow Simulated(CompiledImage image, Dataset test, bool subset, out string? firstMismatch)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var simulator = new Simulator(image); // RunBatch builds its own array per call, so one instance serves every thread
        var golden = new GoldenModel(image);
        int frac = simulator.ActivationFracBits;
        var mismatches = new string?[test.Count];
        var predictions = new int[test.Count];
        string name = $"cycle simulator (Eiec.Sim, {image.Config.Pes} PEs)" + (subset ? $", first {test.Count:N0} only" : "");
        if (test.Count > 0)
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, test.Count, SimChunk), range =>
            {
                var inputs = new List<short[]>(range.Item2 - range.Item1);
                for (int k = range.Item1; k < range.Item2; k++) inputs.Add(ModelEvaluator.Quantize(test.Example(k), frac));
                var results = simulator.RunBatch(inputs).Results;
                for (int k = range.Item1; k < range.Item2; k++)
                {
                    var sim = results[k - range.Item1];
                    var expected = golden.Run(inputs[k - range.Item1]);
                    for (int l = 0; l < expected.LayerOutputs.Length && mismatches[k] is null; l++)
                        for (int i = 0; i < expected.LayerOutputs[l].Length; i++)
                            if (sim.LayerOutputs[l][i] != expected.LayerOutputs[l][i])
                            {
                                mismatches[k] = $"example {k}, layer {l} ('{image.Layers[l].Name}'), output {i}: golden {expected.LayerOutputs[l][i]}, simulator {sim.LayerOutputs[l][i]}";
                                break;
                            }
                    predictions[k] = ModelEvaluator.ArgMax(sim.Output);
                }
            });
        long correct = 0;
        for (int k = 0; k < test.Count; k++) if (predictions[k] == test.Labels[k]) correct++;
        firstMismatch = mismatches.FirstOrDefault(m => m is not null);
        return new AccuracyRow(name, predictions, test.Count == 0 ? 0 : (double)correct / test.Count, clock.Elapsed);
    }

    /// <summary>One line per row; Δ is against the dense row on the same examples (a row may cover only the first N).</summary>
    public static Table Table(IReadOnlyList<AccuracyRow> rows, int[] labels)
    {
        var golden = rows.FirstOrDefault(r => r.Name.StartsWith("fixed-point golden", StringComparison.Ordinal));
        var table = new Table().AddColumns("model", "top-1", "Δ vs dense (same examples)", "same prediction as golden", "time");
        table.Title = new TableTitle(string.Create(CultureInfo.InvariantCulture, $"top-1 accuracy on {labels.Length:N0} test examples"));
        foreach (var r in rows)
        {
            int n = r.Predictions.Length;
            double dense = Accuracy(rows[0].Predictions, labels, n);
            table.AddRow(Markup.Escape(r.Name), F(r.Accuracy * 100, "F2") + " %", F((r.Accuracy - dense) * 100, "+0.00;-0.00;0.00") + " pt",
                golden is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{r.AgreementWith(golden):N0}/{n:N0}"),
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
