using Eiec.FrontEnd.Compress;

namespace Eiec.Tests.Compress;

public sealed class HuffmanCodeTests
{
    [Fact]
    public void Should_give_the_optimal_total_When_coding_the_textbook_example()
    {
        // CLRS 16.3: frequencies a..f = 45, 13, 12, 16, 9, 5 → 224 bits, a gets 1 bit.
        long[] histogram = [45, 13, 12, 16, 9, 5];

        var lengths = HuffmanCode.CodeLengths(histogram);

        HuffmanCode.TotalBits(histogram).Should().Be(224);
        lengths[0].Should().Be(1);
        lengths.Sum(l => Math.Pow(2, -l)).Should().Be(1.0, "a full binary tree satisfies Kraft with equality");
    }

    [Theory]
    [InlineData(new long[] { 0, 0, 7, 0 }, 7)]
    [InlineData(new long[] { 0, 0, 0 }, 0)]
    [InlineData(new long[] { 5, 5, 5, 5 }, 40)]
    public void Should_handle_degenerate_histograms_When_few_symbols_occur(long[] histogram, long bits)
    {
        HuffmanCode.TotalBits(histogram).Should().Be(bits);
    }
}
