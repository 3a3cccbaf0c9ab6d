using Eiec.Contract.Cz;
using Eiec.Contract.FixedPoint;
using Eiec.FrontEnd.Gen;
using Eiec.Golden;
using Eiec.Tests.Support;

namespace Eiec.Tests.Compiler;

public class GoldenModelTests
{
    public static TheoryData<int, bool> Configs => new() { { 1, false }, { 3, true }, { 8, true }, { 64, false } };

    [Theory]
    [MemberData(nameof(Configs))]
    public void Should_equal_direct_integer_arithmetic_on_the_cz_When_run_from_the_image(int pes, bool bias)
    {
        using var tmp = new TempDir();
        var model = Images.Random(11 + pes, [90, 70, 41, 13], 0.15, bias);
        var image = Images.CompileToDisk(model, Images.Small(pes), tmp.File("img"));
        var input = Quantize(RandomModel.CreateInput(90, 0.6, 3, scale: 2.0, signed: true), 8);
        var golden = GoldenModel.Run(image, input);

        // Independent: dense integer arithmetic straight from the .cz arrays and docs/fixed-point.md.
        var a = input;
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            int f = image.Layers[l].WeightFracBits;
            var acc = new long[layer.Outputs];
            for (int j = 0; j < layer.Inputs; j++)
                for (int e = layer.IndPtr[j]; e < layer.IndPtr[j + 1]; e++)
                    acc[layer.Indices[e]] += (long)Math.Round(
                        layer.Codebook[layer.Codes[e]] * Math.Pow(2, f), MidpointRounding.AwayFromZero) * a[j];
            var expected = new short[layer.Outputs];
            for (int i = 0; i < expected.Length; i++)
            {
                long b = layer.Bias is null
                    ? 0 : (long)Math.Round(layer.Bias[i] * 256.0, MidpointRounding.AwayFromZero);
                long t = acc[i] + (b << f);
                long r = f == 0 ? t : (long)Math.Floor(t / Math.Pow(2, f) + 0.5);
                if (layer.Activation == LayerActivation.Relu) r = Math.Max(r, 0);
                expected[i] = (short)Math.Clamp(r, short.MinValue, short.MaxValue);
            }
            golden.LayerOutputs[l].Should().Equal(expected, $"layer {l}");
            a = expected;
        }
    }

    [Fact]
    public void Should_stay_within_the_documented_bound_of_the_float_reference_When_layers_chain()
    {
        using var tmp = new TempDir();
        var model = Images.Random(7, [120, 80, 60, 10], 0.2, bias: true);
        var image = Images.CompileToDisk(model, Images.Small(4), tmp.File("img"));
        const int A = 8;
        double epsA = Math.Pow(2, -(A + 1));
        for (int seed = 0; seed < 5; seed++)
        {
            var x = RandomModel.CreateInput(120, 0.5, seed, scale: 3.0);
            var q = Quantize(x, A);
            var golden = GoldenModel.Run(image, q);
            golden.Saturations.Should().OnlyContain(s => s == 0);
            var reference = FloatReference.Run(model, x.Select(v => (double)v).ToArray());
            // Propagate the per-output bound of docs/fixed-point.md layer by layer.
            var err = x.Select(v => epsA).ToArray();
            var aHat = FixedPointMath.ToReal(q, A);
            for (int l = 0; l < model.Layers.Count; l++)
            {
                var layer = model.Layers[l];
                double epsW = Math.Pow(2, -(image.Layers[l].WeightFracBits + 1));
                var bound = new double[layer.Outputs];
                for (int j = 0; j < layer.Inputs; j++)
                    for (int e = layer.IndPtr[j]; e < layer.IndPtr[j + 1]; e++)
                        bound[layer.Indices[e]] +=
                            Math.Abs(layer.Codebook[layer.Codes[e]]) * err[j] + epsW * Math.Abs(aHat[j]);
                var actual = FixedPointMath.ToReal(golden.LayerOutputs[l], A);
                for (int i = 0; i < layer.Outputs; i++)
                {
                    bound[i] += 2 * epsA;
                    Math.Abs(actual[i] - reference[l][i])
                        .Should().BeLessThanOrEqualTo(bound[i] + 1e-12, $"layer {l} output {i} (seed {seed})");
                }
                err = bound;
                aHat = actual;
            }
            // And the bound is not vacuous: the last layer's bound stays within a few LSB.
            err.Max().Should().BeLessThan(0.5);
        }
    }

    [Fact]
    public void Should_count_saturations_When_outputs_exceed_sixteen_bits()
    {
        using var tmp = new TempDir();
        var model = RandomModel.Create(
            new RandomModelSpec { Dims = [64, 8], WeightDensity = [1.0], WeightScale = 4, Seed = 2 });
        var image = Images.CompileToDisk(model, Images.Small(2), tmp.File("img"));
        var input = Enumerable.Repeat((short)32767, 64).ToArray();
        var result = GoldenModel.Run(image, input);
        result.Saturations[0].Should().BeGreaterThan(0);
        result.Output.Should().OnlyContain(v => v == short.MaxValue || v == short.MinValue || Math.Abs((int)v) < 32767);
        result.Output.Count(v => v == short.MaxValue || v == short.MinValue).Should().Be((int)result.Saturations[0]);
    }

    private static short[] Quantize(float[] x, int frac) =>
        x.Select(v => FixedPointMath.Quantize(v, frac, out _)).ToArray();
}
