using Eiec.Contract.Cz;
using Eiec.FrontEnd.Gen;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// Single random layers on the generated RTL, against the golden model bit for bit. Each case runs
/// four vectors back to back without reset (all-zero, fully dense, sparse unsigned, sparse signed);
/// the layer has no ReLU, so negative pre-activations reach the outputs.
/// </summary>
public class RtlLayerTests
{
    // pes, fifo depth, inputs, outputs, weight density, seed
    public static TheoryData<int, int, int, int, double, int> Layers => new()
    {
        { 1, 1, 37, 29, 0.2, 1 },
        { 2, 2, 61, 45, 0.15, 2 },
        { 3, 1, 50, 37, 0.1, 3 },
        { 3, 8, 100, 64, 0.25, 4 },
        { 4, 2, 130, 70, 0.25, 5 },
        { 4, 8, 64, 64, 0.5, 6 },
        { 8, 1, 99, 101, 0.1, 7 },
        { 8, 8, 250, 120, 0.08, 8 },
        { 16, 2, 200, 150, 0.1, 9 },
        { 16, 8, 300, 93, 0.1, 10 },
        { 64, 8, 300, 260, 0.1, 11 },
        { 64, 1, 130, 200, 0.05, 12 },
        { 64, 8, 784, 300, 0.1, 13 },
        { 16, 8, 1000, 256, 0.1, 14 },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Should_equal_the_golden_model_When_a_random_layer_runs(int pes, int fifo, int inputs, int outputs,
        double density, int seed)
    {
        var model = Images.Random(seed, [inputs, outputs], density);
        var result = RtlCheck.AgainstGolden($"layer-pes{pes}-fifo{fifo}-{inputs}x{outputs}", model,
            Images.Small(pes, fifo), RtlInputs.Standard(inputs, seed));

        result.Golden[0].Output.Should().OnlyContain(v => v == 0,
            "an all-zero input with no bias gives all-zero outputs");
        result.Golden.SelectMany(g => g.Output).Should()
            .Contain(v => v < 0, "the case should exercise negative pre-activations");
        result.Rtl.Cycles.Should().OnlyContain(c => c > 0);
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(3, 2)]
    [InlineData(16, 1)]
    public void Should_equal_the_golden_model_When_zero_runs_need_padding_entries(int pes, int fifo)
    {
        // Tall and very sparse: a PE's consecutive non-zeros are often more than 15 of its rows apart.
        int outputs = 40 * pes + 7;
        var model = Images.Random(100 + pes, [24, outputs], 0.02);
        var result = RtlCheck.AgainstGolden($"padding-pes{pes}-fifo{fifo}", model, Images.Small(pes, fifo),
            RtlInputs.Standard(24, pes));

        result.Image.Layers[0].Padding.Should().BePositive("the case must force padding entries");
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(4, 8)]
    [InlineData(8, 2)]
    public void Should_equal_the_golden_model_When_many_columns_are_empty(int pes, int fifo)
    {
        var model = Images.Random(200 + pes, [120, 20], 0.03);
        var layer = model.Layers[0];
        int emptyColumns = Enumerable.Range(0, layer.Inputs).Count(j => layer.IndPtr[j] == layer.IndPtr[j + 1]);
        emptyColumns.Should().BeGreaterThan(layer.Inputs / 4, "the case must have many empty columns");

        RtlCheck.AgainstGolden($"empty-columns-pes{pes}-fifo{fifo}", model, Images.Small(pes, fifo),
            RtlInputs.Standard(120, pes));
    }

    [Fact]
    public void Should_equal_the_golden_model_When_a_layer_has_no_weights_at_all()
    {
        var model = Images.Random(300, [20, 11], 0.0, bias: true);
        RtlCheck.AgainstGolden("no-weights", model, Images.Small(3, 2), RtlInputs.Standard(20, 3));
    }
}
