using Eiec.Compiler.Lowering;
using Eiec.FrontEnd.Gen;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// Row-balanced images (docs/balancing.md) on the generated RTL: every layer's written-back slots and the
/// output stream, which OUT reorders through the output map, equal the golden model bit for bit, and the
/// cycles equal the simulator's, with and without back-pressure on the output stream.
/// </summary>
public class RtlBalanceTests
{
    // pes, fifo depth, stall seed (0: streams never stall), dims
    public static TheoryData<int, int, int, int[]> Networks => new()
    {
        { 4, 2, 0, [60, 37, 21, 10] },
        { 8, 4, 4242, [90, 64, 45, 19] },
        { 3, 8, 77, [50, 40, 30, 11] },
        { 16, 8, 0, [120, 100] },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Should_equal_the_golden_model_and_the_simulator_When_the_image_is_row_balanced(
        int pes, int fifo, int stall, int[] dims)
    {
        var model = RandomModel.Create(new RandomModelSpec
        {
            Dims = dims, WeightDensity = [0.3], Seed = pes * 7 + fifo, Bias = true, Skew = 1.0,
        });
        var inputs = new[] { RtlInputs.Random(dims[0], 0.6, pes), RtlInputs.Random(dims[0], 0.3, pes + 1) };
        var result = RtlCheck.AgainstGolden($"balance-pes{pes}-fifo{fifo}-stall{stall}", model,
            Images.Small(pes, fifo), inputs, stall, balance: BalanceMode.Rows);

        result.Image.OutputMap.Should().NotBeNull("a balanced image carries its output map");
        result.Image.OutputMap!.Where((pe, i) => pe != i % pes).Should().NotBeEmpty(
            "the case must actually move rows, or OUT's lookup is not exercised");
        var unbalanced = Eiec.Golden.GoldenModel.Run(
            ImageCompiler.Compile(model, Images.Small(pes, fifo), 8, "test.cz", BalanceMode.None), inputs[0]);
        result.Rtl.Outputs[0].Should().Equal(unbalanced.Output, "balancing never changes a result");
    }

    [Fact]
    public void Should_equal_the_golden_model_and_the_simulator_When_the_rows_are_placed_by_the_local_search()
    {
        int[] dims = [90, 64, 45, 19];
        var model = RandomModel.Create(new RandomModelSpec
        {
            Dims = dims, WeightDensity = [0.3], Seed = 91, Bias = true, Skew = 1.0,
        });
        var inputs = new[] { RtlInputs.Random(dims[0], 0.4, 5) };
        var result = RtlCheck.AgainstGolden("balance-search-pes8-fifo4", model, Images.Small(8, 4), inputs, 4242,
            balance: BalanceMode.Search);

        var rows = ImageCompiler.Compile(model, Images.Small(8, 4), 8, "test.cz", BalanceMode.Rows);
        result.Image.OutputMap!.Should().NotEqual(rows.OutputMap!, "the search must move rows the greedy placed");
        var unbalanced = Eiec.Golden.GoldenModel.Run(
            ImageCompiler.Compile(model, Images.Small(8, 4), 8, "test.cz", BalanceMode.None), inputs[0]);
        result.Rtl.Outputs[0].Should().Equal(unbalanced.Output, "balancing never changes a result");
    }
}
