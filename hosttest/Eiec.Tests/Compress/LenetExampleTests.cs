using Eiec.Toolchain.Evaluation;
using Eiec.Tests.Support;
using Eiec.FrontEnd.Compress;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.FrontEnd.Datasets;
using Eiec.FrontEnd.Import;
using Eiec.Compiler.Lowering;
using Eiec.FrontEnd.Training;
using Eiec.Tests.Npy;

namespace Eiec.Tests.Compress;

/// <summary>
/// The shipped examples/lenet model meets the targets: ≤ 10% of weights, 4-bit codebooks,
/// ≥ 30× smaller than fp32 (docs/import.md's count), and on Fashion-MNIST's test set the compressed
/// model, in float and in 16-bit fixed point, within 1 point of the dense model.
/// </summary>
public sealed class LenetExampleTests
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";
    private static string Example(string name) => Path.Combine(RepoPaths.Root, "examples", "lenet", name);

    [Fact]
    public void Should_keep_at_most_10_percent_in_4_bit_codebooks_and_be_30x_smaller_When_loading_the_shipped_model()
    {
        var model = CzReader.Read(Example("lenet-300-100.cz"));

        model.Layers.Select(l => (l.Inputs, l.Outputs)).Should().Equal((784, 300), (300, 100), (100, 10));
        model.Layers.Should().OnlyContain(l => l.Codebook.Length <= 16 && l.Codebook[0] == 0f);
        var report = CompressionReport.Measure(model, new CompressionOptions { CodebookBits = 4 });
        report.Density.Should().BeLessThanOrEqualTo(0.10);
        report.Ratio.Should().BeGreaterThanOrEqualTo(30);
    }

    [Fact]
    public void Should_stay_within_1_point_of_the_dense_model_When_evaluating_on_fashion_mnist()
    {
        Directory.Exists(FashionMnist).Should().BeTrue(
            $"the LeNet example is evaluated on Debian's Fashion-MNIST at {FashionMnist} (apt-get install dataset-fashion-mnist)");
        var test = DatasetLoader.LoadIdx(FashionMnist, "t10k");
        var dense = DenseModelLoader.Load(Example("lenet-300-100.npz"));
        var model = CzReader.Read(Example("lenet-300-100.cz"));
        var image = ImageCompiler.Compile(model, new AccelConfig(), ImageCompiler.DefaultActivationFracBits, "lenet-300-100.cz");

        var denseRow = ModelEvaluator.DenseFloat(dense, test);
        var floatRow = ModelEvaluator.CompressedFloat(model, test);
        var goldenRow = ModelEvaluator.Golden(image, test);

        floatRow.Accuracy.Should().BeGreaterThanOrEqualTo(denseRow.Accuracy - 0.01);
        goldenRow.Accuracy.Should().BeGreaterThanOrEqualTo(denseRow.Accuracy - 0.01);
        goldenRow.AgreementWith(floatRow).Should().BeGreaterThanOrEqualTo(test.Count * 995 / 1000,
            "16-bit fixed point changes a prediction only where two logits nearly tie");
    }

    [Fact]
    public void Should_equal_the_golden_model_bit_for_bit_When_the_cycle_simulator_runs_the_example()
    {
        Directory.Exists(FashionMnist).Should().BeTrue($"apt-get install dataset-fashion-mnist ({FashionMnist})");
        var test = DatasetLoader.LoadIdx(FashionMnist, "t10k").Take(300);
        var model = CzReader.Read(Example("lenet-300-100.cz"));
        var image = ImageCompiler.Compile(model, new AccelConfig { Pes = 16 }, ImageCompiler.DefaultActivationFracBits, "lenet-300-100.cz");

        var sim = Eiec.Toolchain.EiecToolchain.Simulated(image, test, subset: true);
        var golden = ModelEvaluator.Golden(image, test);

        sim.FirstDifference.Should().BeNull();
        sim.Row.Predictions.Should().Equal(golden.Predictions);
    }
}
