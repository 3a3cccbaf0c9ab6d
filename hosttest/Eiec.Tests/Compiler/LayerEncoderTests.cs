using Eiec.Compiler.Lowering;
using Eiec.Contract.Cz;

namespace Eiec.Tests.Compiler;

public class LayerEncoderTests
{
    private static CzLayer Column(int rows, params (int Row, byte Code)[] entries) => new()
    {
        Name = "col", Inputs = 1, Outputs = rows, Activation = LayerActivation.None,
        IndPtr = [0, entries.Length], Indices = entries.Select(e => e.Row).ToArray(),
        Codes = entries.Select(e => e.Code).ToArray(), Codebook = [0f, 1f, 2f, 3f],
    };

    [Fact]
    public void Should_match_the_paper_example_When_a_zero_run_exceeds_fifteen()
    {
        // EIE Sec. III-B: column [0,0,1,2,(18 zeros),3] → v = [1,2,0,3], z = [2,0,15,2].
        var layer = Column(23, (2, 1), (3, 2), (22, 3));
        var enc = LayerEncoder.Encode(layer, pes: 1, codeBits: 4, indexBits: 4);
        var entries = enc.Entries[0][..enc.Counts[0]];
        entries.Select(e => e & 0xF).Should().Equal(1, 2, 0, 3);
        entries.Select(e => e >> 4).Should().Equal(2, 0, 15, 2);
        enc.Padding.Should().Be(1);
        enc.Pointers[0].Should().Equal(0, 4);
    }

    [Theory]
    [InlineData(15, 0)]  // a run of exactly 15 zeros fits in z
    [InlineData(16, 1)]  // 16 zeros: padding (covers 16 rows), then z = 0
    [InlineData(31, 1)]
    [InlineData(32, 2)]
    [InlineData(47, 2)]
    [InlineData(48, 3)]
    public void Should_insert_one_padding_entry_per_sixteen_zeros_When_runs_are_long(int zeros, int padding)
    {
        var layer = Column(zeros + 1, (zeros, 5));
        var enc = LayerEncoder.Encode(layer, 1, 4, 4);
        enc.Padding.Should().Be(padding);
        var entries = enc.Entries[0][..enc.Counts[0]];
        entries[^1].Should().Be((ushort)(((zeros - 16 * padding) << 4) | 5));
        entries[..^1].Should().Equal(Enumerable.Repeat((ushort)(15 << 4), padding));
    }

    [Fact]
    public void Should_count_zeros_among_the_PE_own_rows_When_rows_are_interleaved()
    {
        // 4 PEs: rows 1, 9 and 41 are PE 1's local rows 0, 2 and 10.
        var layer = Column(64, (1, 1), (9, 2), (41, 3));
        var enc = LayerEncoder.Encode(layer, 4, 4, 4);
        enc.Counts.Should().Equal(0, 3, 0, 0);
        enc.Entries[1][..3].Select(e => e >> 4).Should().Equal(0, 1, 7);
    }
}
