using Eiec.FrontEnd.Gen;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// Networks of three or more layers, with and without bias, on the generated RTL: every layer's
/// outputs (write-back trace) must equal the golden model bit for bit.
/// </summary>
public class RtlNetworkTests
{
    // pes, fifo depth, bias, seed, dims
    public static TheoryData<int, int, bool, int, int[]> Networks => new()
    {
        { 1, 2, true, 1, [40, 33, 21, 9] },
        { 2, 8, false, 2, [50, 40, 30, 20] },
        { 3, 2, false, 3, [70, 50, 33, 12] },
        { 4, 1, true, 4, [90, 64, 64, 20] },
        { 8, 8, true, 5, [120, 90, 64, 30, 10] },
        { 16, 2, false, 6, [33, 20, 17, 5] },
        { 64, 8, true, 7, [200, 150, 100, 40] },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Should_equal_the_golden_model_in_every_layer_When_a_network_runs(int pes, int fifo, bool bias, int seed,
        int[] dims)
    {
        var model = Images.Random(seed, dims, 0.15, bias);
        var inputs = new[] { RtlInputs.Random(dims[0], 0.6, seed),
            RtlInputs.Random(dims[0], 0.3, seed + 1, signed: false) };
        var result = RtlCheck.AgainstGolden($"net-pes{pes}-fifo{fifo}-bias{bias}", model,
            Images.Small(pes, fifo), inputs);

        result.Rtl.LayerCycles[0].Should().HaveCount(dims.Length - 1);
        result.Rtl.Cycles[0].Should().Be(result.Rtl.LayerCycles[0].Sum(c => c.Total),
            "cycles counts exactly the SCAN and WB cycles of every layer");
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(8, 8)]
    public void Should_saturate_like_the_golden_model_When_sums_overflow_16_bits(int pes, int fifo)
    {
        var model = RandomModel.Create(new RandomModelSpec
        {
            Dims = [60, 40, 30, 10], WeightDensity = [0.5], Seed = 40 + pes, Bias = true, WeightScale = 8,
            BiasScale = 100,
        });
        var inputs = new[] { RtlInputs.Random(60, 0.9, 1, scale: 100),
            RtlInputs.Random(60, 0.9, 2, scale: 120, signed: false) };
        var result = RtlCheck.AgainstGolden($"saturation-pes{pes}-fifo{fifo}", model, Images.Small(pes, fifo), inputs);

        result.Golden.Sum(g => g.Saturations.Sum()).Should().BePositive("the case must saturate at write-back");
        result.Golden.SelectMany(g => g.LayerOutputs.SelectMany(o => o)).Should().Contain(short.MaxValue)
            .And.Contain(short.MinValue);
    }

    [Fact]
    public void Should_give_the_same_results_and_cycles_When_started_again_without_reset()
    {
        var model = Images.Random(77, [80, 60, 45, 16], 0.2, bias: true);
        var a = RtlInputs.Random(80, 0.5, 1);
        var b = RtlInputs.Dense(80, 2);
        // A, B, A again, an all-zero vector, A again; with back-pressure on both streams.
        var inputs = new[] { a, b, a, RtlInputs.Zero(80), a };
        var result = RtlCheck.AgainstGolden("multi-run", model, Images.Small(4, 2), inputs, stall: 12345);

        result.Rtl.Cycles[2].Should().Be(result.Rtl.Cycles[0],
            "a run does not depend on the previous one (accumulators are cleared by write-back)");
        result.Rtl.Cycles[4].Should().Be(result.Rtl.Cycles[0]);
        result.Rtl.Outputs[2].Should().Equal(result.Rtl.Outputs[0]);
    }
}
