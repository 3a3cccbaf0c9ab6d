using Eiec.FrontEnd.Compress;
using Eiec.Contract.Cz;
using Eiec.FrontEnd.Datasets;
using Eiec.FrontEnd.Import;

namespace Eiec.FrontEnd.Training;

/// <summary>
/// Deep Compression with retraining: prune each layer to its density, retrain with the mask
/// (pruned weights stay 0), share the surviving weights by k-means, fine-tune the shared values
/// (each moves by the sum of its members' gradients), and lay the result out as a .cz model.
/// </summary>
public static class RetrainingCompressor
{
    public static CompressionResult Compress(DenseModel model, CompressionOptions options, RetrainOptions retrain,
        Dataset train, Dataset? test, string source, Action<EpochReport>? onEpoch = null, Action<TrainingProgress>? onProgress = null)
    {
        DeepCompressor.CheckOptions(model, options, source);
        var net = Mlp.FromDense(model);
        var notes = new List<string>();
        double? Accuracy() => test is null ? null : MlpTrainer.Evaluate(net, test);
        void Note(string what, double? accuracy) =>
            notes.Add(accuracy is { } a ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"- {what}: test top-1 {a:P2}") : $"- {what}");

        Note("dense model as imported", Accuracy());
        // 1. Prune.
        foreach (var layer in net.Layers)
        {
            var mask = MagnitudePruner.Prune(layer.Weight, MagnitudePruner.KeepCount(layer.Weight.LongLength, options.DensityOf(layer.Name)));
            layer.Mask = Array.ConvertAll(mask, m => m ? 1f : 0f);
            MlpTrainer.ApplyConstraints(layer);
        }
        Note("pruned, before retraining", Accuracy());
        // 2. Masked retraining.
        MlpTrainer.Train(net, train, test, Options(retrain, retrain.PruneEpochs, retrain.PruneLearningRate, retrain.Seed), "prune-retrain", onEpoch, onProgress);
        Note($"after {retrain.PruneEpochs} epochs of masked retraining", Accuracy());
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
        Note($"weight-shared ({1 << options.CodebookBits} entries), before fine-tuning", Accuracy());
        // 4. Centroid fine-tuning.
        MlpTrainer.Train(net, train, test, Options(retrain, retrain.ShareEpochs, retrain.ShareLearningRate, retrain.Seed + 1), "centroid-tune", onEpoch, onProgress);
        Note($"after {retrain.ShareEpochs} epochs of centroid fine-tuning", Accuracy());

        var layers = net.Layers.Select(l => CscBuilder.Build(l.Name, l.Inputs, l.Outputs,
            l.Relu ? LayerActivation.Relu : LayerActivation.None, l.CodeMap!, (float[])l.Codebook!.Clone(), (float[])l.Bias.Clone())).ToList();
        var cz = new CzModel(model.Name, layers);
        var report = CompressionReport.Measure(cz, options);
        report.Notes.Add("Retraining (float model, test split):");
        report.Notes.AddRange(notes);
        return new CompressionResult(cz, report);
    }

    private static TrainingOptions Options(RetrainOptions r, int epochs, double lr, long seed) => new()
    {
        Epochs = epochs, LearningRate = lr, BatchSize = r.BatchSize, Seed = seed, EvalExamples = r.EvalExamples,
    };
}
