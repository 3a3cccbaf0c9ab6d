using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Compress;
using Eiec.FrontEnd.Import;

namespace Eiec.Tests.Compress;

[Collection(DenseFixtureCollection.Name)]
public sealed class DeepCompressorTests(DenseFixture fixture)
{
    [Fact]
    public void Should_store_each_kept_weight_as_its_shared_value_in_csc_order_When_compressing()
    {
        var dense = DenseModelLoader.Load(fixture.File("torch_mlp.npz"));
        var options = new CompressionOptions
        {
            Density = 0.3,
            LayerDensities = new Dictionary<string, double> { ["fc2"] = 0.5 },
        };

        var result = DeepCompressor.Compress(dense, options, "torch_mlp.npz");

        for (int l = 0; l < 3; l++)
        {
            var d = dense.Layers[l];
            var c = result.Model.Layers[l];
            c.Name.Should().Be(d.Name);
            c.Activation.Should().Be(d.Activation);
            c.Bias.Should().Equal(d.Bias!);
            c.Codebook[0].Should().Be(0f);
            c.Codebook.Length.Should().BeLessThanOrEqualTo(16);
            c.IndPtr.Should().HaveCount(d.Inputs + 1);
            c.IndPtr[0].Should().Be(0);
            long expectedKept = MagnitudePruner.KeepCount(d.WeightCount, options.DensityOf(d.Name));
            c.NonZeros.Should().Be((int)expectedKept);
            var threshold = d.Weight.Select(Math.Abs).OrderDescending().ElementAt((int)expectedKept - 1);
            for (int col = 0; col < d.Inputs; col++)
            {
                for (int k = c.IndPtr[col]; k < c.IndPtr[col + 1]; k++)
                {
                    if (k > c.IndPtr[col])
                        c.Indices[k].Should().BeGreaterThan(c.Indices[k - 1], "rows ascend within a column");
                    float original = d.Weight[c.Indices[k] * d.Inputs + col];
                    Math.Abs(original).Should().BeGreaterThanOrEqualTo(threshold);
                    var nearest = c.Codebook.Skip(1).MinBy(e => Math.Abs(e - original));
                    c.Codebook[c.Codes[k]].Should().Be(nearest);
                }
            }
        }
    }

    [Fact]
    public void Should_count_padding_and_relative_indices_as_eie_does_When_a_gap_exceeds_15()
    {
        // The paper's column [0,0,1,2,(18 zeros),3]: v = [1,2,0,3], z = [2,0,15,2].
        var layer = new CzLayer
        {
            Name = "fc", Inputs = 1, Outputs = 23, Activation = LayerActivation.None,
            IndPtr = [0, 3], Indices = [2, 3, 22], Codes = [1, 2, 3], Codebook = [0f, 1f, 2f, 3f],
        };

        var stats = LayerCompressionStats.Measure(layer, codeBits: 4);

        stats.Padding.Should().Be(1);
        stats.Entries.Should().Be(4);
        stats.CodeHistogram.Take(4).Should().Equal(1, 1, 1, 1);
        stats.IndexHistogram[2].Should().Be(2);
        stats.IndexHistogram[0].Should().Be(1);
        stats.IndexHistogram[15].Should().Be(1);
        stats.TotalBits.Should().Be(4 * 4 + 4 * 4 + 2 * 16 + 4 * 32);
        stats.DenseBits.Should().Be(23 * 32);
    }

    [Fact]
    public void Should_render_a_row_per_layer_and_a_total_When_reporting()
    {
        var dense = DenseModelLoader.Load(fixture.File("torch_mlp.npz"));
        var result = DeepCompressor.Compress(dense, new CompressionOptions { Density = 0.25 }, "torch_mlp.npz");

        var markdown = result.Report.ToMarkdown();

        markdown.Should().Contain("| fc0 | 16×20 | 320 | 80 |").And.Contain("| fc1 | 16×16 | 256 | 64 |")
            .And.Contain("**total**");
        result.Report.Ratio.Should().BeApproximately((double)result.Report.DenseBits / result.Report.TotalBits, 1e-12);
        result.Report.TotalBitsHuffman.Should().BeLessThanOrEqualTo(result.Report.TotalBits);
    }

    [Theory]
    [InlineData(0.0, 4, "density = 0")]
    [InlineData(1.5, 4, "density = 1.5")]
    [InlineData(0.1, 5, "--codebook-bits 5")]
    public void Should_reject_options_naming_the_value_When_out_of_range(double density, int bits, string fragment)
    {
        var dense = DenseModelLoader.Load(fixture.File("torch_mlp.npz"));
        var act = () => DeepCompressor.Compress(dense,
            new CompressionOptions { Density = density, CodebookBits = bits }, "m.npz");
        act.Should().Throw<EiecException>().Which.Message.Should().Contain("m.npz").And.Contain(fragment);
    }
}
