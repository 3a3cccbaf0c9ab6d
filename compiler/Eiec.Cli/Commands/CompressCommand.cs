using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Compress;
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
        var output = new Option<string>("--output", "-o")
        {
            Description = "Compressed model to write (.cz, written atomically)",
            Required = true,
        };
        var density = new Option<double?>("--density")
        {
            Description = "Fraction of weights every layer keeps (default 0.1)",
        };
        var config = new Option<string?>("--config")
        {
            Description = "prune.yaml with per-layer densities (density: default, layers: {name: fraction})",
        };
        var bits = new Option<int>("--codebook-bits")
        {
            Description = "Codebook index bits: 2^bits entries, entry 0 = "
            + "0.0; 0 = no sharing, write the pruned dense model (.npz)", DefaultValueFactory = _ => 4
        };
        var noShare = new Option<bool>("--no-share")
        {
            Description = "Stop after pruning (same as --codebook-bits 0): "
            + "-o names a dense .npz with the pruned weights at 0"
        };
        var scope = new Option<string>("--scope")
        {
            Description = "layer: every layer keeps --density (or its "
            + "prune.yaml density); global: one magnitude threshold over all layers keeps --density of all "
                + "weights", DefaultValueFactory = _ => "layer"
        };
        scope.AcceptOnlyFromAmong("layer", "global");
        var pruneSteps = new Option<int>("--prune-steps")
        {
            Description = "Iterative pruning in K steps to the target "
            + "density (geometric: d^(1/K), d^(2/K), …, d), masked retraining after each (needs "
                + "--data)", DefaultValueFactory = _ => 1
        };
        var stepEpochs = new Option<int?>("--step-epochs")
        {
            Description = "Epochs of masked retraining after each "
            + "pruning step but the last (default --prune-epochs / --prune-steps, at least 1); --prune-epochs after "
                + "the last"
        };
        var cosine = new Option<bool>("--cosine-lr")
        {
            Description = "Decay the learning rate of each retraining phase "
            + "to 0 along a cosine (default: constant)"
        };
        var sweep = new Option<string?>("--sweep")
        {
            Description = "Compress once per density (comma-separated, e.g. "
            + "0.02,0.04,0.08) and score each in float and on the golden model; -o is then a directory (sweep.csv, PNG "
                + "plots, one .cz per density)"
        };
        var sweepLabel = new Option<string?>("--sweep-label")
        {
            Description = "Name of this sweep's curve in sweep.csv "
            + "and the plots (default: scope, steps)"
        };
        var sweepCompare = new Option<string[]>("--sweep-compare")
        {
            Description = "Earlier sweep.csv files whose "
            + "curves the plots also draw", AllowMultipleArgumentsPerToken = true
        };
        var limit = new Option<int?>("--limit") { Description = "Retrain on only the first N training examples" };
        var testLimit = new Option<int?>("--test-limit")
        {
            Description = "Score (retraining notes, --sweep points) on "
            + "only the first N test examples"
        };
        var normalization = new NormalizationOptions();
        var seed = new Option<long>("--seed")
        {
            Description = "Seed of retraining (example order): same seed, same bytes",
            DefaultValueFactory = _ => 1,
        };
        var report = new Option<string?>("--report")
        {
            Description = "Write the per-layer compression report (Markdown) here",
        };
        var data = new Option<string?>("--data")
        {
            Description = "Retrain on this data (IDX directory or .npz with x, y): masked retraining, then centroid "
                + "fine-tuning",
        };
        var pruneEpochs = new Option<int>("--prune-epochs")
        {
            Description = "Epochs of masked retraining after pruning",
            DefaultValueFactory = _ => new RetrainOptions().PruneEpochs,
        };
        var shareEpochs = new Option<int>("--share-epochs")
        {
            Description = "Epochs of centroid fine-tuning after weight sharing",
            DefaultValueFactory = _ => new RetrainOptions().ShareEpochs,
        };
        var pruneLr = new Option<double>("--prune-lr")
        {
            Description = "Adam learning rate of masked retraining",
            DefaultValueFactory = _ => new RetrainOptions().PruneLearningRate,
        };
        var shareLr = new Option<double>("--share-lr")
        {
            Description = "Adam learning rate of centroid fine-tuning",
            DefaultValueFactory = _ => new RetrainOptions().ShareLearningRate,
        };
        var batch = new Option<int>("--batch")
        {
            Description = "Minibatch size of retraining",
            DefaultValueFactory = _ => 64,
        };
        var evalExamples = new Option<int?>("--eval-examples")
        {
            Description = "Test examples scored after each retraining epoch (default all; 0 none)",
        };
        var bench = new Option<bool>("--bench") { Description = "Print stage timings and peak memory", Hidden = true };
        var command = new Command("compress", "Prune and weight-share a dense model (Deep Compression) into a .cz, "
            + "optionally retraining") { model };
        foreach (var o in new Option[] { output, density, config, bits, noShare, scope, seed, report, data, pruneSteps,
            pruneEpochs, stepEpochs,
            shareEpochs, pruneLr, shareLr, cosine, batch, evalExamples, sweep, sweepLabel, sweepCompare, limit,
                testLimit, bench })
            command.Options.Add(o);
        normalization.AddTo(command);
        command.SetAction(parse =>
        {
            var ui = new TrainingConsole(parse);
            var clock = Stopwatch.StartNew();
            string modelPath = parse.GetValue(model)!, outPath = parse.GetValue(output)!;
            // Every option is checked before the (possibly long) compression; the facade checks the output paths.
            if (parse.GetValue(density) is { } dd) OptionChecks.Fraction("--density", dd);
            OptionChecks.InRange("--codebook-bits", parse.GetValue(bits), 0, 4, "a .cz codebook holds at most 16 "
                + "entries; 0 = no sharing");
            int codebookBits = parse.GetValue(noShare) ? 0 : parse.GetValue(bits);
            if (parse.GetValue(noShare) && parse.GetValue(bits) is not (4 or 0))
                throw new EiecException($"--no-share and --codebook-bits {parse.GetValue(bits)}: --no-share means no "
                    + $"codebook; give one or the other");
            var sweepDensities = parse.GetValue(sweep) is { } sweepText ? SensitivityCommand.ParseDensities("--sweep",
                sweepText) : null;
            if (sweepDensities is not null)
            {
                if (parse.GetValue(report) is not null) throw new EiecException("--sweep and --report: a sweep writes "
                    + "sweep.csv into the -o directory; drop --report");
                if (parse.GetValue(density) is not null) throw new EiecException("--sweep and --density: the sweep "
                    + "gives the densities; drop --density");
                if (codebookBits == 0) throw new EiecException("--sweep with --codebook-bits 0: each sweep point goes "
                    + "through the golden model, which needs weight sharing");
                if (parse.GetValue(data) is null) throw new EiecException("--sweep without --data: each point is "
                    + "scored on test data; give --data");
            }
            else if (codebookBits == 0 && !outPath.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
                throw new EiecException($"--output {outPath}: without weight sharing the result is the pruned dense "
                    + $"model; name it NAME.npz");
            else if (codebookBits > 0 && outPath.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
                throw new EiecException($"--output {outPath}: a compressed model is written as .cz; for the pruned "
                    + $"dense model add --codebook-bits 0");
            OptionChecks.AtLeast("--prune-steps", parse.GetValue(pruneSteps), 1);
            if (parse.GetValue(pruneSteps) > 1 && parse.GetValue(data) is null)
                throw new EiecException($"--prune-steps {parse.GetValue(pruneSteps)}: iterative pruning retrains "
                    + $"between steps; give --data");
            if (parse.GetValue(stepEpochs) is { } se) OptionChecks.AtLeast("--step-epochs", se, 0);
            if (parse.GetValue(limit) is { } lim) OptionChecks.AtLeast("--limit", lim, 1);
            if (parse.GetValue(testLimit) is { } tlim) OptionChecks.AtLeast("--test-limit", tlim, 1);
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
                    PruneSteps = parse.GetValue(pruneSteps), StepEpochs = parse.GetValue(stepEpochs),
                    CosineDecay = parse.GetValue(cosine),
                },
                Scope = parse.GetValue(scope) == "global" ? PruneScope.Global : PruneScope.Layer,
                Normalization = normalization.Resolve(parse), Limit = parse.GetValue(limit),
                TestLimit = parse.GetValue(testLimit),
            };
            // The sweep and pruning without sharing write other outputs than a .cz.
            if (sweepDensities is not null)
                return Sweep(ui, new CompressSweepRequest
                {
                    Compress = request with { CodebookBits = codebookBits }, Densities = sweepDensities,
                    Label = parse.GetValue(sweepLabel), Compare = parse.GetValue(sweepCompare) ?? [],
                });
            if (codebookBits == 0) return PruneOnly(ui, request with { CodebookBits = codebookBits }, clock);
            // Retraining reports its epochs live; plain compression has none to show.
            var result = request.DataPath is null ? EiecToolchain.Compress(request)
                : ui.Run((onEpoch, onProgress) => EiecToolchain.Compress(request, onEpoch, onProgress));

            var r = result.Report;
            ui.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"compressed {modelPath} → {outPath}: {r.Kept:N0} of {r.Weights:N0} weights kept ({r.Density:P2}), "
                    + $"{r.Ratio:F1}× smaller than fp32 ({r.RatioHuffman:F1}× with Huffman coding); "
                    + $"{clock.Elapsed.TotalSeconds:F1} s"));
            if (parse.GetValue(bench))
            {
                using var self = Process.GetCurrentProcess();
                ui.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"bench: load {result.Load.TotalSeconds:F2} s, compress {result.Compress.TotalSeconds:F2} s, "
                        + $"write {result.Write.TotalSeconds:F2} s, total {result.Elapsed.TotalSeconds:F2} s, "
                        + $"peak working set {self.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB, "
                        + $"weights {r.Weights:N0}"));
            }
            return 0;
        });
        return command;
    }

    /// <summary>`--sweep`: one line per point as it is scored, then what was written.</summary>
    private static int Sweep(TrainingConsole ui, CompressSweepRequest request)
    {
        var result = EiecToolchain.CompressSweep(request, ui.Run, row => ui.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{row.Label}: density {row.Density:P2}: {row.Ratio:F1}× ({row.RatioHuffman:F1}× Huffman), top-1 float "
                + $"{row.FloatAccuracy:P2}, golden {row.GoldenAccuracy:P2} on {row.Examples:N0}")));
        ui.WriteLine($"wrote {result.CsvPath}, {string.Join(", ", result.Plots)} and "
            + $"{result.CompressedModels.Count} .cz files");
        return 0;
    }

    /// <summary>`--codebook-bits 0` / `--no-share`: the pruned dense model's counts.</summary>
    private static int PruneOnly(TrainingConsole ui, CompressRequest request, Stopwatch clock)
    {
        var result = EiecToolchain.PruneOnly(request, ui.Run);
        long kept = result.Kept, total = result.Weights;
        ui.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pruned {request.ModelPath} → {request.OutputPath}: {kept:N0} of {total:N0} weights non-zero "
                + $"({(double)kept / total:P2}), no weight sharing; {clock.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }
}
