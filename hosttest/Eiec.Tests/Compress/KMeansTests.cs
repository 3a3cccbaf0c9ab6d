using Eiec.FrontEnd.Compress;
using Eiec.FrontEnd.Training;

namespace Eiec.Tests.Compress;

[Collection(DenseFixtureCollection.Name)]
public sealed class KMeansTests(DenseFixture fixture)
{
    /// <summary>Plain Lloyd's: O(n·k) per iteration, same initialisation and rules as documented.</summary>
    private static double[] PlainLloyd(float[] values, int k)
    {
        double min = values.Min(), max = values.Max();
        var c = Enumerable.Range(0, k).Select(j => min + (max - min) * j / (k - 1)).ToList();
        int[]? previous = null;
        for (int iteration = 0; iteration < 300; iteration++)
        {
            var assign = values.Select(v =>
            {
                int best = 0;
                for (int j = 1; j < c.Count; j++) if (Math.Abs(v - c[j]) < Math.Abs(v - c[best])) best = j;
                return best;
            }).ToArray();
            if (previous is not null && assign.SequenceEqual(previous)) break;
            var clusters = new List<double[]>();
            for (int j = 0; j < c.Count; j++)
            {
                var members = values.Where((_, i) => assign[i] == j).Select(m => (double)m).ToArray();
                if (members.Length > 0) clusters.Add(members);
            }
            bool emptied = clusters.Count < c.Count;
            while (emptied && clusters.Count < k)
            {
                // Split the cluster of largest squared deviation (not a single distinct value) at its mean.
                int worst = -1;
                double worstSse = -1;
                for (int j = 0; j < clusters.Count; j++)
                {
                    var m = clusters[j];
                    if (m.Min() == m.Max()) continue;
                    double mean = m.Average(), sse = m.Sum(x => (x - mean) * (x - mean));
                    if (sse > worstSse) { worst = j; worstSse = sse; }
                }
                if (worst < 0) break;
                var split = clusters[worst];
                double cut = split.Average();
                clusters[worst] = split.Where(x => x <= cut).ToArray();
                clusters.Insert(worst + 1, split.Where(x => x > cut).ToArray());
            }
            previous = emptied ? null : assign;
            c = clusters.Select(m => m.Average()).ToList();
        }
        return c.ToArray();
    }

    [Fact]
    public void Should_match_numpy_lloyd_When_clustering_the_fixture_values()
    {
        var arrays = fixture.Npz("kmeans.npz");
        var v = arrays["v"].ToFloat32();

        var centroids = KMeans1D.Fit(v, (int)arrays["k"].ToInt64()[0]);

        var expected = arrays["centroids"].ToFloat64();
        centroids.Should().HaveCount(expected.Length);
        for (int j = 0; j < expected.Length; j++) centroids[j].Should().BeApproximately(expected[j], 1e-9);
    }

    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 7)]
    [InlineData(3, 3)]
    [InlineData(4, 1)]
    public void Should_match_plain_lloyd_When_clustering_random_weights(int seed, int k)
    {
        var rng = new SeededRandom(seed);
        var v = Enumerable.Range(0, 2500)
            .Select(_ => (float)(rng.NextGaussian() * 0.1 + (rng.NextDouble() < 0.5 ? 0.2 : -0.2))).ToArray();

        var centroids = KMeans1D.Fit(v, k);

        var expected = k == 1 ? [v.Average(x => (double)x)] : PlainLloyd(v, k);
        centroids.Should().HaveCount(expected.Length);
        for (int j = 0; j < expected.Length; j++) centroids[j].Should().BeApproximately(expected[j], 1e-9);
    }

    [Fact]
    public void Should_reseed_emptied_clusters_and_keep_k_values_When_an_outlier_stretches_the_linear_start()
    {
        // 1,000 weights near 0 and one at 1.0: the linear start puts 13 of 15 centroids in the empty gap.
        var rng = new SeededRandom(5);
        var v = Enumerable.Range(0, 1000).Select(_ => (float)(rng.NextGaussian() * 0.01)).Append(1f).ToArray();

        var centroids = KMeans1D.Fit(v, 15);

        centroids.Should().HaveCount(15).And.BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var expected = PlainLloyd(v, 15);
        for (int j = 0; j < expected.Length; j++) centroids[j].Should().BeApproximately(expected[j], 1e-9);
    }

    [Fact]
    public void Should_give_one_centroid_per_distinct_value_When_there_are_fewer_than_k()
    {
        float[] v = [0.5f, -0.25f, 0.5f, 0.125f, -0.25f, 0.5f];

        KMeans1D.Fit(v, 15).Should().Equal(-0.25, 0.125, 0.5);
    }

    [Fact]
    public void Should_reserve_entry_zero_and_code_each_kept_weight_to_its_nearest_entry_When_sharing()
    {
        var rng = new SeededRandom(9);
        var w = Enumerable.Range(0, 3000).Select(_ => (float)rng.NextGaussian()).ToArray();
        var mask = MagnitudePruner.Prune(w, 600);

        var shared = DeepCompressor.Share(w, mask, codebookBits: 4);

        shared.Codebook[0].Should().Be(0f);
        shared.Codebook.Length.Should().BeInRange(2, 16);
        for (int k = 0; k < w.Length; k++)
        {
            if (!mask[k]) { shared.CodeMap[k].Should().Be(0); continue; }
            int code = shared.CodeMap[k];
            code.Should().BeInRange(1, shared.Codebook.Length - 1);
            double distance = Math.Abs(w[k] - shared.Codebook[code]);
            for (int e = 1; e < shared.Codebook.Length; e++)
                distance.Should().BeLessThanOrEqualTo(Math.Abs(w[k] - shared.Codebook[e]), $"weight {k} = {w[k]}");
        }
    }

    [Fact]
    public void Should_return_one_centroid_When_all_values_are_equal()
    {
        KMeans1D.Fit([0.5f, 0.5f, 0.5f], 15).Should().Equal(0.5);
    }
}
