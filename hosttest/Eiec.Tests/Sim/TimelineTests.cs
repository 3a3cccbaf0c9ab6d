using Eiec.Sim;
using Eiec.Sim.Stats;
using Eiec.Tests.Support;

namespace Eiec.Tests.Sim;

/// <summary>
/// The per-PE timeline of <c>eiec sim --plot</c> and the blocking attribution: recorded by both engines
/// alike, its totals equal to the statistics, every broadcast stall attributed to a full PE.
/// </summary>
public sealed class TimelineTests
{
    private static (SimResult Result, PeTimeline Timeline) Record(
        Eiec.Contract.Image.CompiledImage image, short[] input, SimEngine engine, int maxBins)
    {
        var timeline = new PeTimeline(image.Config.Pes, maxBins);
        var result = new Simulator(image, new SimOptions { Engine = engine }).RunTimeline(input, timeline);
        return (result, timeline);
    }

    [Theory]
    [InlineData(1, 4, 1)]
    [InlineData(2, 3, 2)]
    [InlineData(3, 8, 1)]
    [InlineData(4, 5, 3)]
    public void Should_sum_to_the_statistics_and_agree_between_engines_When_recorded_cycle_by_cycle(
        int seed, int pes, int depth)
    {
        using var tmp = new TempDir();
        int[] dims = [70, 50, 30];
        var image = SimHarness.Image(tmp, Images.Random(seed, dims, 0.15), Images.Small(pes, depth));
        var input = SimHarness.Input(dims[0], 0.6, seed);
        var (reference, refLine) = Record(image, input, SimEngine.Reference, 1 << 14);
        var (fast, line) = Record(image, input, SimEngine.Event, 1 << 14);

        var stats = reference.Stats;
        fast.Stats.Should().BeEquivalentTo(stats, o => o.WithStrictOrdering());
        line.BinWidth.Should().Be(1, "the run fits 2^14 one-cycle bins");
        line.Cycles.Should().Be(stats.Cycles);
        line.LayerStarts.Should().Equal(LayerStarts(stats));
        long stallCycles = 0;
        for (int bin = 0; bin < line.Bins; bin++)
        {
            bool anyBlocking = false;
            for (int k = 0; k < pes; k++)
                for (int c = 0; c < 4; c++)
                {
                    line.Count(k, bin, c).Should().Be(refLine.Count(k, bin, c), $"PE {k}, cycle {bin}, class {c}");
                    if (c == PeTimeline.Blocking && line.Count(k, bin, c) > 0) anyBlocking = true;
                }
            line.ScanCycles(bin).Should().Be(refLine.ScanCycles(bin));
            if (anyBlocking)
            {
                line.ScanCycles(bin).Should().Be(1, "blocking happens only in SCAN");
                stallCycles++;
            }
        }
        stallCycles.Should().Be(stats.BroadcastStallCycles,
            "each broadcast-stall cycle has at least one blocking PE, and only those cycles have one");
        var totals = stats.PeTotals;
        for (int k = 0; k < pes; k++)
        {
            Sum(line, k, PeTimeline.Busy).Should().Be(totals[k].Busy);
            Sum(line, k, PeTimeline.Stalled).Should().Be(totals[k].Stalled);
            Sum(line, k, PeTimeline.Starved).Should().Be(totals[k].Starved);
            Sum(line, k, PeTimeline.Blocking).Should().Be(totals[k].Blocking);
        }
        Enumerable.Range(0, line.Bins).Sum(b => line.ScanCycles(b)).Should().Be(stats.ScanCycles);
        Enumerable.Range(0, line.Bins).Sum(b => line.WriteBackCycles(b)).Should().Be(stats.WbCycles);
        if (depth == 1) stats.BroadcastStallCycles.Should().BePositive("a one-deep queue stalls this network");
    }

    [Theory]
    [InlineData(SimEngine.Reference)]
    [InlineData(SimEngine.Event)]
    public void Should_merge_neighbouring_bins_When_the_run_outgrows_the_bins(SimEngine engine)
    {
        using var tmp = new TempDir();
        int[] dims = [90, 60, 20];
        var image = SimHarness.Image(tmp, Images.Random(7, dims, 0.2), Images.Small(3, 2));
        var input = SimHarness.Input(dims[0], 0.7, 7);
        var (_, fine) = Record(image, input, engine, 1 << 14);
        var (_, coarse) = Record(image, input, engine, 8);
        coarse.Bins.Should().BeLessThanOrEqualTo(8);
        long width = coarse.BinWidth;
        width.Should().BeGreaterThan(1);
        (width & (width - 1)).Should().Be(0, "the width only ever doubles");
        (coarse.Cycles + width - 1).Should().BeLessThanOrEqualTo(width * 8);
        (fine.Cycles > width * 4).Should().BeTrue("a width of half would have fitted otherwise");
        for (int bin = 0; bin < coarse.Bins; bin++)
        {
            long lo = bin * width, hi = Math.Min(fine.Cycles, lo + width);
            for (int k = 0; k < 3; k++)
                for (int c = 0; c < 4; c++)
                {
                    long expected = 0;
                    for (long t = lo; t < hi; t++) expected += fine.Count(k, (int)t, c);
                    coarse.Count(k, bin, c).Should().Be(expected, $"bin {bin}, PE {k}, class {c}");
                }
        }
    }

    private static long Sum(PeTimeline line, int pe, int cls) =>
        Enumerable.Range(0, line.Bins).Sum(b => line.Count(pe, b, cls));

    private static long[] LayerStarts(SimStats stats)
    {
        var starts = new long[stats.Layers.Count];
        for (int l = 1; l < starts.Length; l++) starts[l] = starts[l - 1] + stats.Layers[l - 1].Cycles;
        return starts;
    }
}
