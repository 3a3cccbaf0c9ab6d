using Eiec.Contract.Checking;
using Eiec.Golden;
using Eiec.Tests.Support;

namespace Eiec.Tests.Toolchain;

/// <summary>
/// The one first-difference routine (<see cref="OutputComparison"/>) on crafted mismatches: the text
/// names the run, layer, output, PE (row mod N), local row (row div N), expected and actual, each
/// computed here by hand.
/// </summary>
public class OutputDifferenceTests
{
    [Fact]
    public void Should_name_layer_pe_row_expected_and_actual_When_one_simulated_output_is_changed()
    {
        using var tmp = new TempDir();
        // Given a two-layer model on 4 PEs and its golden outputs
        var model = Images.Random(21, [40, 30, 12], 0.3, bias: true);
        var image = Images.CompileToDisk(model, Images.Small(4), tmp.File("img"));
        var input = Enumerable.Range(0, 40).Select(i => (short)((i % 7 - 3) * 64)).ToArray();
        var golden = GoldenModel.Run(image, input);
        var names = image.Layers.Select(l => l.Name).ToArray();

        // When output 6 of layer 1 differs by 3 (row 6 is PE 6 mod 4 = 2, local row 6 div 4 = 1)
        var actual = golden.LayerOutputs.Select(o => (short[])o.Clone()).ToArray();
        short expectedValue = golden.LayerOutputs[1][6];
        actual[1][6] = (short)(expectedValue + 3);
        var difference = OutputComparison.First<short>("example 5", names, 4, golden.LayerOutputs, actual);

        // Then the difference says exactly where and what
        difference.Should().NotBeNull();
        (difference!.Layer, difference.Index, difference.Pe, difference.LocalRow).Should().Be((1, 6, 2, 1));
        difference.Describe().Should().Be(
            $"example 5, layer 1 ('{names[1]}'), output 6 (PE 2, local row 1): " +
            $"expected {expectedValue}, actual {expectedValue + 3}");
    }

    [Fact]
    public void Should_report_the_earliest_layer_When_several_layers_differ()
    {
        short[][] expected = [[1, 2, 3, 4, 5], [6, 7, 8]];
        short[][] actual = [[1, 2, 3, 4, -5], [0, 7, 8]];
        var difference = OutputComparison.First<short>(null, ["fc1", "fc2"], 3, expected, actual);
        difference!.Describe().Should().Be("layer 0 ('fc1'), output 4 (PE 1, local row 1): expected 5, actual -5");
    }

    [Fact]
    public void Should_say_never_written_back_When_an_rtl_output_is_missing()
    {
        var difference = OutputComparison.FirstInLayer("run 2", 1, "fc2", 8, [10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
            [10, 11, 12, 13, 14, 15, 16, 17, 18, null]);
        difference!.Describe().Should().Be(
            "run 2, layer 1 ('fc2'), output 9 (PE 1, local row 1): expected 19, actual never written back");
    }

    [Fact]
    public void Should_name_the_lengths_When_the_output_stream_is_short()
    {
        const int stream = OutputDifference.OutputStream;
        var shorter = OutputComparison.FirstInLayer<short>(null, stream, "", 2, [1, 2, 3], [1, 2]);
        shorter!.Describe().Should().Be("output stream has 2 elements, expected 3");
        var changed = OutputComparison.FirstInLayer<short>(null, stream, "", 2, [1, 2, 3], [1, 9, 3]);
        changed!.Describe().Should().Be("output stream element 1 (PE 1, local row 0): expected 2, actual 9");
    }

    [Fact]
    public void Should_find_nothing_When_outputs_agree_or_stay_within_the_tolerance()
    {
        OutputComparison.First<short>(null, ["a"], 4, [[1, 2, 3]], [[1, 2, 3]]).Should().BeNull();
        OutputComparison.FirstInLayer<double>(null, 0, "a", 4, [1.0, 2.0], [1.25, 1.75], tolerance: 0.25)
            .Should().BeNull();
        OutputComparison.FirstInLayer<double>(null, 0, "a", 4, [1.0, 2.0], [1.0, 1.5], tolerance: 0.25)!
            .Index.Should().Be(1);
    }

    [Fact]
    public void Should_pick_the_largest_difference_When_asked_for_the_largest()
    {
        var worst = OutputComparison.Largest<double>(null, 2, "fc3", 4, [0.5, 1.0, -2.0, 3.0], [0.5, 1.5, -0.5, 3.25]);
        (worst!.Index, worst.Magnitude, worst.Pe).Should().Be((2, 1.5, 2));
        OutputComparison.Largest<double>(null, 2, "fc3", 4, [1.0], [1.0]).Should().BeNull();
    }
}
