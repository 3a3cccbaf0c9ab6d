using Eiec.Tests.Support;

namespace Eiec.Tests.Sim;

/// <summary>The simulator's outputs equal the golden model's bit for bit, whatever the schedule.</summary>
public class SimulatorGoldenTests
{
    /// <summary>pes, fifo depth, dims, weight density, input density, bias, seed.</summary>
    public static TheoryData<int, int, int[], double, double, bool, int> Networks => new()
    {
        { 1, 1, [37, 29], 0.2, 0.5, false, 1 },
        { 1, 8, [23, 41, 7], 0.3, 1.0, true, 2 },
        { 2, 1, [61, 50, 33, 9], 0.15, 0.4, true, 3 },
        { 2, 2, [64, 64], 0.1, 0.3, false, 4 },
        { 3, 1, [100, 37, 20], 0.1, 0.6, false, 5 },
        { 3, 2, [31, 77, 13], 0.25, 0.9, true, 6 },
        { 3, 8, [90, 70, 41, 13], 0.15, 0.5, true, 7 },
        { 4, 1, [57, 43, 17], 0.2, 1.0, false, 8 },
        { 4, 8, [129, 65, 3], 0.05, 0.2, true, 9 },
        { 8, 1, [200, 100, 10], 0.08, 0.35, true, 10 },
        { 8, 2, [75, 75, 75, 75], 0.2, 0.7, false, 11 },
        { 8, 8, [33, 250, 12], 0.1, 0.5, true, 12 },
        { 16, 1, [300, 130, 40], 0.05, 0.25, false, 13 },
        { 16, 2, [17, 19, 23], 0.5, 1.0, true, 14 },
        { 16, 8, [256, 128, 64], 0.1, 0.18, true, 15 },
        { 64, 1, [500, 200, 30], 0.04, 0.3, true, 16 },
        { 64, 2, [70, 130, 5], 0.2, 0.6, false, 17 },
        { 64, 8, [600, 300, 100], 0.04, 0.183, true, 18 },
        // Sparse columns with long zero runs force padding (100 rows per PE at 2 PEs, 2% density).
        { 2, 8, [50, 200, 150], 0.02, 0.8, false, 19 },
        { 1, 2, [20, 120], 0.03, 1.0, true, 20 },
        // Very sparse weights: most columns empty in most PEs.
        { 4, 2, [80, 20, 8], 0.01, 0.9, false, 21 },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Should_equal_the_golden_model_bit_for_bit_When_random_networks_run(
        int pes, int depth, int[] dims, double density, double inputDensity, bool bias, int seed)
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(seed, dims, density, bias), Images.Small(pes, depth));
        var result = SimHarness.RunAndCompare(image, SimHarness.Input(dims[0], inputDensity, seed * 7));
        result.Stats.Cycles.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Should_force_padding_and_still_match_When_columns_have_long_zero_runs()
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(19, [50, 200, 150], 0.02), Images.Small(2));
        image.Layers.Sum(l => l.Padding).Should().BeGreaterThan(0, "the case must exercise padding entries");
        var result = SimHarness.RunAndCompare(image, SimHarness.Input(50, 1.0, 5));
        result.Stats.PaddingEntries.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    public void Should_output_the_bias_alone_When_the_input_is_all_zero(int pes)
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(30 + pes, [45, 33, 21], 0.2, bias: true), Images.Small(pes));
        var result = SimHarness.RunAndCompare(image, new short[45]);
        result.Stats.Layers[0].IssuedEntries.Should().Be(0);
        result.Stats.Layers[0].Broadcasts.Should().Be(0);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 8)]
    [InlineData(8, 2)]
    [InlineData(64, 8)]
    public void Should_match_When_every_input_is_non_zero(int pes, int depth)
    {
        using var tmp = new TempDir();
        var model = Images.Random(40 + pes, [130, 60, 10], 0.3, bias: true);
        var image = SimHarness.Image(tmp, model, Images.Small(pes, depth));
        var input = SimHarness.Input(130, 1.0, 1);
        input.Should().NotContain(0);
        SimHarness.RunAndCompare(image, input);
    }

    [Fact]
    public void Should_match_and_report_saturations_When_results_overflow_16_bits()
    {
        using var tmp = new TempDir();
        // Dense weights near ±scale and large inputs: many sums beyond ±128.
        var model = Eiec.FrontEnd.Gen.RandomModel.Create(new Eiec.FrontEnd.Gen.RandomModelSpec
        {
            Dims = [60, 40, 20], WeightDensity = [0.9], Seed = 3, WeightScale = 4.0, Bias = true, BiasScale = 100,
        });
        var image = SimHarness.Image(tmp, model, Images.Small(4));
        var result = SimHarness.RunAndCompare(image, SimHarness.Input(60, 1.0, 9));
        result.Saturations.Sum().Should().BeGreaterThan(0, "the case must exercise saturation");
    }

    [Fact]
    public void Should_give_every_inference_the_golden_outputs_When_a_batch_runs_without_reset()
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(50, [70, 40, 12], 0.15, bias: true), Images.Small(4, 2));
        var inputs = Enumerable.Range(0, 4).Select(s => SimHarness.Input(70, 0.25 * (s + 1), s)).ToArray();
        var batch = new Eiec.Sim.Simulator(image).RunBatch(inputs);
        batch.Stats.Inferences.Should().Be(4);
        for (int b = 0; b < inputs.Length; b++)
        {
            var golden = Eiec.Golden.GoldenModel.Run(image, inputs[b]);
            for (int l = 0; l < image.Layers.Count; l++)
                batch.Results[b].LayerOutputs[l].Should().Equal(golden.LayerOutputs[l], $"inference {b}, layer {l}");
        }
        batch.Stats.Cycles.Should().Be(batch.Results.Sum(r => r.Stats.Cycles));
    }
}
