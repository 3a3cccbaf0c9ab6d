using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Eiec.FrontEnd.Compress;
using Eiec.Contract.Cz;
using Eiec.FrontEnd.Datasets;
using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Import;
using Eiec.Contract.Npy;
using Eiec.FrontEnd.Training;

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
            // Every option and output path is checked before the (possibly long) compression.
            string? reportPath = parse.GetValue(report);
            AtomicFile.CheckWritable(outPath, "compressed model");
            if (reportPath is not null)
            {
                AtomicFile.CheckWritable(reportPath, "compression report");
                if (Path.GetFullPath(reportPath) == Path.GetFullPath(outPath))
                    throw new EiecException($"--report {reportPath} and --output {outPath}: the same file; give each its own");
            }
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
            var dense = DenseModelLoader.Load(modelPath);
            var loaded = clock.Elapsed;

            var options = new CompressionOptions { CodebookBits = parse.GetValue(bits) };
            if (parse.GetValue(density) is { } d)
            {
                if (parse.GetValue(config) is not null) throw new EiecException("--density and --config both given; put the default density in the config file (density: …)");
                options = options with { Density = d };
            }
            if (parse.GetValue(config) is { } configPath)
                options = PruneConfig.Load(configPath).Apply(options, dense.Layers.Select(l => l.Name), configPath);

            CompressionResult result;
            if (parse.GetValue(data) is { } dataPath)
            {
                var splits = DatasetLoader.Load(dataPath);
                var retrain = new RetrainOptions
                {
                    PruneEpochs = parse.GetValue(pruneEpochs), ShareEpochs = parse.GetValue(shareEpochs),
                    PruneLearningRate = parse.GetValue(pruneLr), ShareLearningRate = parse.GetValue(shareLr),
                    BatchSize = parse.GetValue(batch), Seed = parse.GetValue(seed), EvalExamples = parse.GetValue(evalExamples),
                };
                result = ui.Run((onEpoch, onProgress) => RetrainingCompressor.Compress(dense, options, retrain, splits.Train, splits.Test, modelPath, onEpoch, onProgress));
            }
            else result = DeepCompressor.Compress(dense, options, modelPath);
            var compressed = clock.Elapsed;

            var bytes = CzWriter.ToBytes(result.Model, outPath); // validates first
            using (var staged = new StagedFiles()) // both files or neither
            {
                staged.Add(outPath, "compressed model", stream => stream.Write(bytes));
                if (reportPath is not null) staged.AddText(reportPath, "compression report", result.Report.ToMarkdown());
                staged.Commit();
            }
            var written = clock.Elapsed;

            var r = result.Report;
            ui.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"compressed {modelPath} → {outPath}: {r.Kept:N0} of {r.Weights:N0} weights kept ({r.Density:P2}), {r.Ratio:F1}× smaller than fp32 ({r.RatioHuffman:F1}× with Huffman coding); {clock.Elapsed.TotalSeconds:F1} s"));
            if (parse.GetValue(bench))
            {
                using var self = Process.GetCurrentProcess();
                ui.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"bench: load {loaded.TotalSeconds:F2} s, compress {(compressed - loaded).TotalSeconds:F2} s, write {(written - compressed).TotalSeconds:F2} s, total {written.TotalSeconds:F2} s, peak working set {self.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB, weights {r.Weights:N0}"));
            }
            return 0;
        });
        return command;
    }
}
