using Eiec.FrontEnd.Gen;
using Eiec.Tests.Support;

namespace Eiec.Tests.Gen;

/// <summary>`eiec gen --skew` (issue 12): same overall density, far less uniform rows and columns.</summary>
public sealed class SkewedPositionsTests
{
    private static double Cv(IEnumerable<int> counts)
    {
        var c = counts.Select(x => (double)x).ToArray();
        double mean = c.Average();
        return Math.Sqrt(c.Sum(x => (x - mean) * (x - mean)) / c.Length) / mean;
    }

    private static (int[] Rows, int[] Columns) Counts(long[] positions, int inputs, int outputs)
    {
        var rows = new int[outputs];
        var columns = new int[inputs];
        foreach (var p in positions)
        {
            columns[p / outputs]++;
            rows[p % outputs]++;
        }
        return (rows, columns);
    }

    [Theory]
    [InlineData(1000, 800, 0.1, 1.0)]
    [InlineData(300, 200, 0.9, 3.0)] // dense and very skewed: columns are capped at their height
    [InlineData(50, 4000, 0.04, 0.5)]
    public void Should_keep_exactly_the_uniform_count_of_distinct_sorted_positions(
        int inputs, int outputs, double density, double skew)
    {
        long keep = (long)Math.Round(density * inputs * outputs);

        var positions = SkewedPositions.Sample(new Random(7), inputs, outputs, keep, skew);

        positions.Should().HaveCount((int)keep);
        positions.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        positions.Should().OnlyContain(p => p >= 0 && p < (long)inputs * outputs);
        Counts(positions, inputs, outputs).Columns.Should().OnlyContain(c => c <= outputs);
    }

    [Fact]
    public void Should_spread_row_and_column_densities_far_beyond_uniform_sampling()
    {
        const int Inputs = 1000, Outputs = 1000;
        const long Keep = 100_000; // 10 %: a uniform layer's counts have CV sqrt(0.9 / 100) ≈ 0.095

        var (rows, columns) = Counts(SkewedPositions.Sample(new Random(3), Inputs, Outputs, Keep, 1.0), Inputs,
            Outputs);

        // Log-normal weights with CV 1 give count CVs near 1 (a little less: without-replacement draws).
        Cv(columns).Should().BeInRange(0.7, 1.3);
        Cv(rows).Should().BeInRange(0.6, 1.3);
    }

    [Fact]
    public void Should_be_reproducible_for_a_seed_and_differ_between_seeds()
    {
        var a = SkewedPositions.Sample(new Random(5), 200, 100, 2000, 1.0);
        var b = SkewedPositions.Sample(new Random(5), 200, 100, 2000, 1.0);
        var c = SkewedPositions.Sample(new Random(6), 200, 100, 2000, 1.0);

        a.Should().Equal(b);
        a.Should().NotEqual(c);
    }

    [Fact]
    public void Should_draw_each_index_in_proportion_to_its_weight()
    {
        var table = new AliasTable([1.0, 2.0, 3.0, 4.0, 0.0]);
        var rng = new Random(1);
        var hits = new int[5];
        const int Draws = 200_000;

        for (int i = 0; i < Draws; i++) hits[table.Draw(rng)]++;

        for (int i = 0; i < 4; i++) ((double)hits[i] / Draws).Should().BeApproximately((i + 1) / 10.0, 0.005);
        hits[4].Should().Be(0);
    }

    [Fact]
    public void Should_generate_skewed_benchmark_layers_from_the_command_line_and_refuse_a_negative_skew()
    {
        using var tmp = new TempDir();

        var ok = Support.Cli.Run("gen", "--layer", "NT-We", "--skew", "1.5", "-o", tmp.File("m"));
        var bad = Support.Cli.Run("gen", "--layer", "NT-We", "--skew", "-1", "-o", tmp.File("n"));

        ok.ExitCode.Should().Be(0, ok.Stderr);
        ok.Stdout.Should().Contain("NT-We.cz");
        bad.ExitCode.Should().Be(1);
        bad.Stderr.Should().Contain("--skew -1: must be in [0, 10]");
        Directory.Exists(tmp.File("n")).Should().BeFalse();
    }
}
