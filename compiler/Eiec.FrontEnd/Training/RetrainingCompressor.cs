using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Compress;
using Eiec.FrontEnd.Datasets;
using Eiec.FrontEnd.Import;

namespace Eiec.FrontEnd.Training;

/// <summary>
/// Deep Compression with retraining: prune (per layer or globally, in one step or iteratively), retrain
/// with the mask after each step (pruned weights stay 0), share the surviving weights by k-means,
/// fine-tune the shared values (each moves by the sum of its members' gradients), and lay the result
/// out as a .cz model. With <see cref="CompressionOptions.CodebookBits"/> = 0 it stops after pruning
/// (<see cref="PruneAndRetrain"/>), so pruning can be measured without quantization.
/// </summary>
public static class RetrainingCompressor
{
    public static CompressionResult Compress(DenseModel model, CompressionOptions options, RetrainOptions retrain,
        Dataset train, Dataset? test, string source, Action<EpochReport>? onEpoch = null,
            Action<TrainingProgress>? onProgress = null)
    {
        if (!options.Shares) throw new ArgumentException("no weight sharing: use PruneAndRetrain", nameof(options));
        // Retraining sees the data as the model does (normalized when the model says so).
        train = train.Normalized(model.Input);
        test = test?.Normalized(model.Input);
        var (net, notes) = PruneRetrain(model, options, retrain, train, test, source, onEpoch, onProgress);
        double? Accuracy() => test is null ? null : MlpTrainer.Evaluate(net, test);
        // 3. Weight sharing.
        foreach (var layer in net.Layers)
        {
            var mask = Array.ConvertAll(layer.Mask!, m => m != 0);
            var shared = DeepCompressor.Share(layer.Weight, mask, options.CodebookBits, options.KMeansMaxIterations);
            layer.Mask = null;
            layer.CodeMap = shared.CodeMap;
            layer.Codebook = shared.Codebook;
            MlpTrainer.ApplyConstraints(layer);
        }
        notes.Add($"weight-shared ({1 << options.CodebookBits} entries), before fine-tuning", Accuracy());
        // 4. Centroid fine-tuning.
        MlpTrainer.Train(net, train, test, Options(retrain, retrain.ShareEpochs, retrain.ShareLearningRate,
            retrain.Seed + 1), "centroid-tune", onEpoch, onProgress);
        notes.Add($"after {retrain.ShareEpochs} epochs of centroid fine-tuning", Accuracy());

        var layers = net.Layers.Select(l => CscBuilder.Build(l.Name, l.Inputs, l.Outputs,
            l.Relu ? LayerActivation.Relu : LayerActivation.None, l.CodeMap!, (float[])l.Codebook!.Clone(),
                (float[])l.Bias.Clone())).ToList();
        var cz = new CzModel(model.Name, layers) { Input = model.Input };
        var report = CompressionReport.Measure(cz, options);
        report.Notes.Add("Retraining (float model, test split):");
        report.Notes.AddRange(notes.Lines);
        return new CompressionResult(cz, report);
    }

    /// <summary>Pruning and masked retraining only: the retrained dense model (pruned weights exactly 0) and the
    /// notes.</summary>
    public static (DenseModel Model, IReadOnlyList<string> Notes) PruneAndRetrain(DenseModel model,
        CompressionOptions options,
        RetrainOptions retrain, Dataset train, Dataset? test, string source,
        Action<EpochReport>? onEpoch = null, Action<TrainingProgress>? onProgress = null)
    {
        var (net, notes) = PruneRetrain(model, options, retrain, train.Normalized(model.Input),
            test?.Normalized(model.Input),
            source, onEpoch, onProgress);
        return (net.ToDense() with { Input = model.Input }, notes.Lines);
    }

    private static (Mlp Net, Notes Notes) PruneRetrain(DenseModel model, CompressionOptions options,
        RetrainOptions retrain,
        Dataset train, Dataset? test, string source, Action<EpochReport>? onEpoch, Action<TrainingProgress>? onProgress)
    {
        DeepCompressor.CheckOptions(model, options, source);
        if (retrain.PruneSteps < 1) throw new EiecException($"{source}: --prune-steps {retrain.PruneSteps}; give at "
            + $"least 1 (1 = one-shot pruning)");
        var net = Mlp.FromDense(model);
        var notes = new Notes();
        double? Accuracy() => test is null ? null : MlpTrainer.Evaluate(net, test);
        var names = net.Layers.Select(l => l.Name).ToList();

        notes.Add("dense model as imported", Accuracy());
        bool[][]? masks = null;
        int steps = retrain.PruneSteps;
        for (int step = 1; step <= steps; step++)
        {
            // 1. Prune (the weights of pruned positions are already 0, so each step selects among the survivors).
            masks = ModelPruner.Prune(names, net.Layers.Select(l => l.Weight).ToList(), options, step, steps, masks);
            for (int l = 0; l < net.Layers.Count; l++)
            {
                net.Layers[l].Mask = Array.ConvertAll(masks[l], m => m ? 1f : 0f);
                MlpTrainer.ApplyConstraints(net.Layers[l]);
            }
            string which = steps == 1 ? "pruned" : $"pruning step {step}/{steps} ({KeptText(masks)})";
            notes.Add($"{which}, before retraining", Accuracy());
            // 2. Masked retraining; each step has its own seed so steps do not replay one example order.
            int epochs = retrain.EpochsAfterStep(step);
            string phase = steps == 1 ? "prune-retrain" : $"prune-retrain {step}/{steps}";
            long seed = steps == 1 ? retrain.Seed : retrain.Seed + 1000L * step;
            MlpTrainer.Train(net, train, test, Options(retrain, epochs, retrain.PruneLearningRate, seed), phase,
                onEpoch, onProgress);
            notes.Add($"after {epochs} epochs of masked "
                + $"retraining" + (steps == 1 ? "" : $" (step {step}/{steps})"), Accuracy());
        }
        return (net, notes);
    }

    private static string KeptText(bool[][] masks)
    {
        long kept = masks.Sum(m => m.LongCount(x => x)), total = masks.Sum(m => m.LongLength);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(double)kept / total:P2} kept");
    }

    private static TrainingOptions Options(RetrainOptions r, int epochs, double lr, long seed) => new()
    {
        Epochs = epochs, LearningRate = lr, BatchSize = r.BatchSize, Seed = seed, EvalExamples = r.EvalExamples,
        CosineDecay = r.CosineDecay,
    };

    /// <summary>The report's retraining history: one line per stage, with the test accuracy when there is test
    /// data.</summary>
    private sealed class Notes
    {
        public List<string> Lines { get; } = [];

        public void Add(string what, double? accuracy) =>
            Lines.Add(accuracy is { } a
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"- {what}: test top-1 {a:P2}")
                : $"- {what}");
    }
}
