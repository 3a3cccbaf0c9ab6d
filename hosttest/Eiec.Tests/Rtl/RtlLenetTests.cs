using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.FixedPoint;
using Eiec.FrontEnd.Datasets;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// The bundled LeNet-300-100 classifies real Fashion-MNIST test images on the generated hardware:
/// several images stream through one RTL run (start, stream in, stream out, again), every layer's
/// outputs equal the golden model's bit for bit, so the hardware's predictions are the golden
/// model's, and the cycles equal the simulator's.
/// </summary>
public class RtlLenetTests
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";
    private const int Images = 12;

    [Fact]
    public void Should_predict_like_the_golden_model_When_Fashion_MNIST_test_images_run_on_the_RTL()
    {
        Directory.Exists(FashionMnist).Should().BeTrue($"{FashionMnist} is missing: apt-get install " +
            "dataset-fashion-mnist");
        var test = DatasetLoader.LoadIdx(FashionMnist, "t10k").Take(Images);
        var inputs = Enumerable.Range(0, Images)
            .Select(i => test.Example(i).ToArray()
                .Select(v => FixedPointMath.Quantize(v, ImageCompiler.DefaultActivationFracBits, out _)).ToArray())
            .ToArray();
        var model = CzReader.Read(Path.Combine(RepoPaths.Root, "examples", "lenet", "lenet-300-100.cz"));
        var config = AccelConfigLoader.Load(Path.Combine(RepoPaths.Root, "examples", "accel.yaml"));

        var result = RtlCheck.AgainstGolden("lenet-fashion-mnist", model, config, inputs);

        var predictions = result.Golden.Select(g => Array.IndexOf(g.Output, g.Output.Max())).ToArray();
        result.Rtl.Outputs.Select(o => Array.IndexOf(o, o.Max())).Should()
            .Equal(predictions, "the hardware's predictions are the golden model's");
        // Bit-exact outputs imply identical predictions; the labels show they are real classifications.
        predictions.Zip(test.Labels).Count(p => p.First == p.Second).Should().BeGreaterThanOrEqualTo(Images * 3 / 4,
            $"predictions {string.Join(",", predictions)} vs labels {string.Join(",", test.Labels)}");
    }
}
