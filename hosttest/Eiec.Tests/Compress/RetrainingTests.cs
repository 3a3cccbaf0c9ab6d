using Eiec.Contract.Cz;
using Eiec.FrontEnd.Compress;
using Eiec.FrontEnd.Datasets;
using Eiec.FrontEnd.Training;

namespace Eiec.Tests.Compress;

public sealed class RetrainingTests
{
    /// <summary>Three Gaussian blobs in 12 dimensions, labels by blob.</summary>
    private static Dataset Blobs(int count, long seed)
    {
        var rng = new SeededRandom(seed);
        var centers = new SeededRandom(1234);
        var c = Enumerable.Range(0, 3).Select(_ =>
            Enumerable.Range(0, 12).Select(_ => centers.NextGaussian()).ToArray()).ToArray();
        var x = new float[count * 12];
        var y = new int[count];
        for (int n = 0; n < count; n++)
        {
            y[n] = rng.Next(3);
            for (int i = 0; i < 12; i++) x[n * 12 + i] = (float)(c[y[n]][i] + 0.8 * rng.NextGaussian());
        }
        return new Dataset { Source = "blobs", Count = count, Features = 12, X = x, Labels = y };
    }

    [Fact]
    public void Should_lower_the_loss_When_training_a_dense_network()
    {
        var data = Blobs(600, 1);
        var net = Mlp.Create("blobs", [12, 24, 16, 3], seed: 5);
        double before = MlpTrainer.Loss(net, data);

        MlpTrainer.Train(net, data, null, new TrainingOptions { Epochs = 5, BatchSize = 32, Seed = 2 }, "dense");

        MlpTrainer.Loss(net, data).Should().BeLessThan(before * 0.5);
        MlpTrainer.Evaluate(net, data).Should().BeGreaterThan(0.9);
    }

    [Fact]
    public void Should_lower_the_loss_and_keep_pruned_weights_zero_When_retraining_with_a_mask()
    {
        var data = Blobs(600, 1);
        var net = Mlp.Create("blobs", [12, 24, 16, 3], seed: 5);
        MlpTrainer.Train(net, data, null, new TrainingOptions { Epochs = 5, BatchSize = 32, Seed = 2 }, "dense");
        foreach (var layer in net.Layers)
        {
            layer.Mask = Array.ConvertAll(MagnitudePruner.Prune(layer.Weight, layer.Weight.Length / 5),
                m => m ? 1f : 0f);
            MlpTrainer.ApplyConstraints(layer);
        }
        double pruned = MlpTrainer.Loss(net, data);

        MlpTrainer.Train(net, data, null, new TrainingOptions
        {
            Epochs = 3, BatchSize = 32, Seed = 3, LearningRate = 1e-3,
        }, "prune-retrain");

        MlpTrainer.Loss(net, data).Should().BeLessThan(pruned);
        foreach (var layer in net.Layers)
            for (int k = 0; k < layer.Weight.Length; k++)
                if (layer.Mask![k] == 0) layer.Weight[k].Should().Be(0f);
    }

    [Fact]
    public void Should_move_each_shared_value_by_the_sum_of_its_members_gradients_When_fine_tuning()
    {
        var data = Blobs(64, 4);
        var net = Mlp.Create("blobs", [12, 3], seed: 6);
        var layer = net.Layers[0];
        var shared = DeepCompressor.Share(layer.Weight, Enumerable.Repeat(true, layer.Weight.Length).ToArray(), 2);
        layer.CodeMap = shared.CodeMap;
        layer.Codebook = shared.Codebook;
        MlpTrainer.ApplyConstraints(layer);
        var before = (float[])layer.Codebook.Clone();

        MlpTrainer.Train(net, data, null, new TrainingOptions
        {
            Epochs = 1, BatchSize = 64, Seed = 1, LearningRate = 0.01,
        }, "centroid-tune");

        layer.Codebook[0].Should().Be(0f);
        layer.Codebook.Skip(1).Should().NotEqual(before.Skip(1));
        for (int k = 0; k < layer.Weight.Length; k++) layer.Weight[k].Should().Be(layer.Codebook[layer.CodeMap[k]]);
    }

    [Fact]
    public void Should_give_identical_models_When_retraining_twice_with_the_same_seed()
    {
        var data = Blobs(400, 7);
        var net = Mlp.Create("blobs", [12, 24, 16, 3], seed: 8);
        MlpTrainer.Train(net, data, null, new TrainingOptions { Epochs = 2, BatchSize = 32, Seed = 2 }, "dense");
        var dense = net.ToDense();
        var options = new CompressionOptions { Density = 0.3 };
        var retrain = new RetrainOptions { PruneEpochs = 2, ShareEpochs = 1, BatchSize = 32, Seed = 11 };

        var a = RetrainingCompressor.Compress(dense, options, retrain, data, data, "blobs");
        var b = RetrainingCompressor.Compress(dense, options, retrain, data, data, "blobs");
        var c = RetrainingCompressor.Compress(dense, options, retrain with { Seed = 12 }, data, data, "blobs");

        Bytes(a.Model).Should().Equal(Bytes(b.Model));
        Bytes(a.Model).Should().NotEqual(Bytes(c.Model));
        a.Report.ToMarkdown().Should().Be(b.Report.ToMarkdown());
    }

    private static byte[] Bytes(CzModel model) => CzWriter.ToBytes(model);
}
