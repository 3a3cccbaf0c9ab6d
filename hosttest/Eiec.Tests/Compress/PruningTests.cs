using Eiec.FrontEnd.Compress;
using Eiec.FrontEnd.Training;

namespace Eiec.Tests.Compress;

[Collection(DenseFixtureCollection.Name)]
public sealed class PruningTests(DenseFixture fixture)
{
    [Fact]
    public void Should_keep_numpys_choice_When_the_threshold_cuts_through_tied_magnitudes()
    {
        var arrays = fixture.Npz("prune.npz");
        var w = arrays["w"].ToFloat32();
        long keep = arrays["keep"].ToInt64()[0];

        var mask = MagnitudePruner.Prune(w, keep);

        mask.Select(m => m ? (byte)1 : (byte)0).Should().Equal(arrays["mask"].ToUInt8());
    }

    [Theory]
    [InlineData(1000, 0.1)]
    [InlineData(4097, 0.04)]
    [InlineData(300, 1.0)]
    [InlineData(300, 0.001)]
    [InlineData(77, 0.5)]
    public void Should_keep_exactly_the_largest_magnitudes_When_pruning_to_a_density(int n, double density)
    {
        var rng = new SeededRandom(n);
        var w = Enumerable.Range(0, n).Select(_ => (float)rng.NextGaussian()).ToArray();
        w[3] = -w[5]; // a tie of opposite signs
        long keep = MagnitudePruner.KeepCount(n, density);

        var mask = MagnitudePruner.Prune(w, keep);

        keep.Should().Be((long)Math.Round(density * n, MidpointRounding.AwayFromZero));
        mask.Count(m => m).Should().Be((int)keep);
        // Independent check: a full sort by magnitude, earliest index first among equals.
        var expected = Enumerable.Range(0, n).OrderByDescending(i => Math.Abs(w[i])).ThenBy(i => i).Take((int)keep)
            .ToHashSet();
        Enumerable.Range(0, n).Where(i => mask[i]).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void Should_keep_nothing_When_keep_is_zero()
    {
        MagnitudePruner.Prune([1f, -2f, 3f], 0).Should().AllBeEquivalentTo(false);
    }
}
