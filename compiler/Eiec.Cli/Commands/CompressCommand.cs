using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Eiec.FrontEnd.Training;
using Eiec.Toolchain;
using Eiec.Toolchain.Compress;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec compress model.(npz|onnx) -o model.cz [--density D | --config prune.yaml] [--codebook-bits 4]
/// [--seed N] [--report report.md] [--data DIR|x.npz …]`: Deep Compression's pruning and weight
/// sharing, with retraining when --data is given.
/// </summary>
public static class CompressCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Dense model: .npz (docs/import.md) or .onnx" };
        var output = new Option<string>("--output", "-o") { Description = "Compressed model to write (.cz, written atomically)", Required = true };
        var density = new Option<double?>("--density") { Description = "Fraction of weights every layer keeps (default 0.1)" };
        var config = new Option<string?>("--config") { Description = "prune.yaml with per-layer densities (density: default, layers: {name: fraction})" };
        var bits = new Option<int>("--codebook-bits") { Description = "Codebook index bits: 2^bits entries, entry 0 = 0.0", DefaultValueFactory = _ => 4 };
        var seed = new Option<long>("--seed") { Description = "Seed of retraining (example order): same seed, same bytes", DefaultValueFactory = _ => 1 };
        var report = new Option<string?>("--report") { Description = "Write the per-layer compression report (Markdown) here" };
        var data = new Option<string?>("--data") { Description = "Retrain on this data (IDX directory or .npz with x, y): masked retraining, then centroid fine-tuning" };
        var pruneEpochs = new Option<int>("--prune-epochs") { Description = "Epochs of masked retraining after pruning", DefaultValueFactory = _ => new RetrainOptions().PruneEpochs };
        var shareEpochs = new Option<int>("--share-epochs") { Description = "Epochs of centroid fine-tuning after weight sharing", DefaultValueFactory = _ => new RetrainOptions().ShareEpochs };
        var pruneLr = new Option<double>("--prune-lr") { Description = "Adam learning rate of masked retraining", DefaultValueFactory = _ => new RetrainOptions().PruneLearningRate };
        var shareLr = new Option<double>("--share-lr") { Description = "Adam learning rate of centroid fine-tuning", DefaultValueFactory = _ => new RetrainOptions().ShareLearningRate };
        var batch = new Option<int>("--batch") { Description = "Minibatch size of retraining", DefaultValueFactory = _ => 64 };
        var evalExamples = new Option<int?>("--eval-examples") { Description = "Test examples scored after each retraining epoch (default all; 0 none)" };
        var bench = new Option<bool>("--bench") { Description = "Print stage timings and peak memory", Hidden = true };
        var command = new Command("compress", "Prune and weight-share a dense model (Deep Compression) into a .cz, optionally retraining") { model };
        foreach (var o in new Option[] { output, density, config, bits, seed, report, data, pruneEpochs, shareEpochs, pruneLr, shareLr, batch, evalExamples, bench })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var ui = new TrainingConsole(parse);
            var clock = Stopwatch.StartNew();
            string modelPath = parse.GetValue(model)!, outPath = parse.GetValue(output)!;
            // Every option is checked before the (possibly long) compression; the facade checks the output paths.
            if (parse.GetValue(density) is { } dd) OptionChecks.Fraction("--density", dd);
            OptionChecks.InRange("--codebook-bits", parse.GetValue(bits), 1, 4, "a .cz codebook holds at most 16 entries");
            if (parse.GetValue(data) is not null)
            {
                OptionChecks.AtLeast("--prune-epochs", parse.GetValue(pruneEpochs), 0);
                OptionChecks.AtLeast("--share-epochs", parse.GetValue(shareEpochs), 0);
                OptionChecks.Positive("--prune-lr", parse.GetValue(pruneLr));
                OptionChecks.Positive("--share-lr", parse.GetValue(shareLr));
                OptionChecks.AtLeast("--batch", parse.GetValue(batch), 1);
                if (parse.GetValue(evalExamples) is { } ev) OptionChecks.AtLeast("--eval-examples", ev, 0);
            }
            var request = new CompressRequest
            {
                ModelPath = modelPath, OutputPath = outPath, ReportPath = parse.GetValue(report),
                Density = parse.GetValue(density),
                PruneConfigPath = parse.GetValue(config), CodebookBits = parse.GetValue(bits),
                DataPath = parse.GetValue(data),
                Retrain = new RetrainOptions
                {
                    PruneEpochs = parse.GetValue(pruneEpochs), ShareEpochs = parse.GetValue(shareEpochs),
                    PruneLearningRate = parse.GetValue(pruneLr), ShareLearningRate = parse.GetValue(shareLr),
                    BatchSize = parse.GetValue(batch), Seed = parse.GetValue(seed),
                    EvalExamples = parse.GetValue(evalExamples),
                },
            };
            // Retraining reports its epochs live; plain compression has none to show.
            var result = request.DataPath is null ? EiecToolchain.Compress(request)
                : ui.Run((onEpoch, onProgress) => EiecToolchain.Compress(request, onEpoch, onProgress));

            var r = result.Report;
            ui.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"compressed {modelPath} → {outPath}: {r.Kept:N0} of {r.Weights:N0} weights kept ({r.Density:P2}), {r.Ratio:F1}× smaller than fp32 ({r.RatioHuffman:F1}× with Huffman coding); {clock.Elapsed.TotalSeconds:F1} s"));
            if (parse.GetValue(bench))
            {
                using var self = Process.GetCurrentProcess();
                ui.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"bench: load {result.Load.TotalSeconds:F2} s, compress {result.Compress.TotalSeconds:F2} s, write {result.Write.TotalSeconds:F2} s, total {result.Elapsed.TotalSeconds:F2} s, peak working set {self.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB, weights {r.Weights:N0}"));
            }
            return 0;
        });
        return command;
    }
}
