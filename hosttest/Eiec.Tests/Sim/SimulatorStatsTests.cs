using Eiec.Contract.Image;
using Eiec.Golden;
using Eiec.Sim.Energy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Sim;

/// <summary>Statistics recomputed independently from the image's memories and the golden layer inputs.</summary>
public class SimulatorStatsTests
{
    public static TheoryData<int, int, int[], double, double, int> Cases => new()
    {
        { 1, 1, [40, 30, 9], 0.2, 0.5, 1 },
        { 3, 2, [61, 50, 17], 0.15, 0.4, 2 },
        { 8, 8, [200, 100, 10], 0.05, 0.3, 3 },
        { 16, 1, [300, 64, 20], 0.08, 0.2, 4 },
        { 2, 8, [50, 200, 150], 0.02, 0.8, 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_agree_with_counts_recomputed_from_the_image_When_a_network_runs(
        int pes, int depth, int[] dims, double density, double inputDensity, int seed)
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(seed, dims, density, bias: true), Images.Small(pes, depth));
        var input = SimHarness.Input(dims[0], inputDensity, seed);
        var result = SimHarness.RunAndCompare(image, input);
        var golden = GoldenModel.Run(image, input);
        var cfg = image.Config;
        int n = cfg.Pes, epw = cfg.EntriesPerWord, bits = cfg.EntryBits;
        var heldWord = new int?[n]; // the SRAM output register persists across layers (reset only)

        for (int l = 0; l < image.Layers.Count; l++)
        {
            var layer = image.Layers[l];
            var stats = result.Stats.Layers[l];
            var a = l == 0 ? input : golden.LayerOutputs[l - 1];
            var nonZero = Enumerable.Range(0, layer.Inputs).Where(j => a[j] != 0).ToArray();
            long totalIssued = 0, totalPadding = 0, workBound = 0, columnBound = 0;
            for (int k = 0; k < n; k++)
            {
                var mem = image.Pes[k];
                long issued = 0, padding = 0, wordReads = 0, empty = 0;
                var lengths = new List<int>();
                foreach (int j in nonZero)
                {
                    int start = (int)mem.Pointer(layer.PtrBase, j), end = (int)mem.Pointer(layer.PtrBase, j + 1);
                    issued += end - start;
                    lengths.Add(end - start);
                    if (end == start) empty++;
                    for (int e = start; e < end; e++)
                    {
                        int word = layer.SpmatBase + e / epw;
                        if (heldWord[k] != word) { wordReads++; heldWord[k] = word; }
                        if (((mem.Spmat[word] >> (e % epw * bits)) & ((1UL << cfg.CodeBits) - 1)) == 0) padding++;
                    }
                }
                var pe = stats.PeStats[k];
                pe.Busy.Should().Be(issued, $"layer {l} PE {k}: busy cycles = entries of the non-zero columns");
                pe.Issued.Should().Be(issued);
                pe.Padding.Should().Be(padding, $"layer {l} PE {k} padding");
                pe.PointerReads.Should().Be(nonZero.Length, $"layer {l} PE {k}: one pointer read per non-zero input");
                pe.QueuePushes.Should().Be(nonZero.Length);
                pe.QueuePops.Should().Be(nonZero.Length);
                pe.SpmatWordReads.Should().Be(wordReads,
                    $"layer {l} PE {k}: held-word rule replayed in broadcast order");
                (pe.Busy + pe.Stalled + pe.Starved + pe.Drain)
                    .Should().Be(stats.ScanCycles, "every SCAN cycle is exactly one class");
                pe.QueueOccupancy.Sum().Should().Be(stats.ScanCycles);
                pe.QueueMax.Should().BeLessThanOrEqualTo(depth);
                pe.EmptyColumns.Should().Be(empty, $"layer {l} PE {k}: non-zero inputs whose column is empty here");
                long bound = ColumnBoundByRecurrence(lengths);
                pe.ColumnCycles.Should().Be(bound, $"layer {l} PE {k}: column bound");
                pe.ColumnCycles.Should().BeGreaterThanOrEqualTo(issued);
                workBound = Math.Max(workBound, issued);
                columnBound = Math.Max(columnBound, bound);
                totalIssued += issued;
                totalPadding += padding;
            }
            stats.IssuedEntries.Should().Be(totalIssued);
            stats.IssuedEntries.Should().Be(golden.Macs[l], "the golden model counts the same MACs");
            stats.PaddingEntries.Should().Be(totalPadding);
            stats.IdealScanCycles.Should().Be((totalIssued + n - 1) / n);
            stats.WorkBoundCycles.Should().Be(workBound);
            stats.ColumnBoundCycles.Should().Be(columnBound);
            stats.ScanCycles.Should().BeGreaterThan(columnBound, "the bound leaves out every fixed latency");
            stats.PeStats.Sum(p => p.Blocking).Should().BeGreaterThanOrEqualTo(stats.BroadcastStallCycles);
            stats.PeStats.Sum(p => p.BlockingAlone).Should().BeLessThanOrEqualTo(stats.BroadcastStallCycles);
            stats.ScanCycles.Should().BeGreaterThanOrEqualTo(stats.IdealScanCycles);
            stats.LoadBalanceEfficiency.Should().BeInRange(0, 1);
            stats.Broadcasts.Should().Be(nonZero.Length);
            stats.GroupReads.Should().Be(layer.Groups);
            stats.WbCycles.Should().Be(layer.RowsPerPe + 4);
            stats.ScanCycles.Should().BeGreaterThanOrEqualTo(
                layer.Groups + 3, "each group passes nxt and cur, plus the done cycle and the registered end");

            var act = stats.Actions;
            long wbRows = (long)n * layer.RowsPerPe;
            act[EnergyAction.Mac].Should().Be(totalIssued);
            act[EnergyAction.CodebookRead].Should().Be(totalIssued);
            act[EnergyAction.AccRead].Should().Be(totalIssued + wbRows);
            act[EnergyAction.AccWrite].Should().Be(totalIssued + wbRows);
            act[EnergyAction.BiasRead].Should().Be(wbRows);
            act[EnergyAction.ActRead].Should().Be((long)n * layer.Groups);
            act[EnergyAction.ActWrite]
                .Should().Be(wbRows + (l == 0 ? layer.Inputs : 0), "LOAD's writes count with layer 0");
            act[EnergyAction.QueuePush].Should().Be((long)n * nonZero.Length);
            act[EnergyAction.PointerRead].Should().Be((long)n * nonZero.Length);
            act[EnergyAction.PeIdleCycle].Should().Be(n * stats.ScanCycles - totalIssued);
        }
        result.Stats.Cycles.Should().Be(result.Stats.Layers.Sum(x => x.ScanCycles + x.WbCycles));
    }

    /// <summary>
    /// The column bound replayed from the microarchitecture's rules with every pair queued at cycle 0:
    /// one pop per cycle once the column register frees (its column taken, or dropped the cycle after
    /// its pop when empty); a non-empty column is taken the cycle after its pop and no earlier than the
    /// previous one's last issue. The bound is then the cycle of the last issue less one (the take
    /// after the first pop), or, when nothing issues, the cycle after the last drop.
    /// </summary>
    private static long ColumnBoundByRecurrence(List<int> lengths)
    {
        long free = 0, ready = 0, end = 0, pop = -1;
        foreach (int n in lengths)
        {
            pop = Math.Max(pop + 1, free);
            if (n > 0)
            {
                long take = Math.Max(ready, pop + 1);
                ready = take + n;
                free = take;
                end = Math.Max(end, take + n);
            }
            else
            {
                free = pop + 1;
                end = Math.Max(end, pop + 1);
            }
        }
        if (lengths.Count == 0) return 0;
        return lengths.Any(n => n > 0) ? end - 1 : end;
    }

    [Fact]
    public void Should_derive_latency_and_throughput_from_cycles_and_clock_When_reported()
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(3, [100, 50], 0.2), Images.Small(4));
        var stats = new Eiec.Sim.Simulator(image, new Eiec.Sim.SimOptions { ClockMhz = 500 })
            .Run(SimHarness.Input(100, 0.5, 1)).Stats;
        stats.ClockMhz.Should().Be(500);
        stats.LatencyUs.Should().BeApproximately(stats.Cycles / 500.0, 1e-9);
        // 2 ops per MAC; ops / (cycles / 500 MHz) in GOP/s.
        stats.IssuedGops.Should().BeApproximately(2.0 * stats.IssuedEntries / (stats.Cycles / 500e6) / 1e9, 1e-9);
        stats.UsefulGops.Should().BeLessThanOrEqualTo(stats.IssuedGops);
        stats.Describe().Should().OnlyContain(s => s.Unit.Length > 0 && s.Description.Length > 0);
        stats.Describe().Select(s => s.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Should_never_beat_a_deeper_queue_by_much_and_stall_less_When_the_queue_deepens()
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(8, [400, 256], 0.1), Images.Small(16));
        var input = SimHarness.Input(400, 0.4, 2);
        Eiec.Sim.Stats.SimStats Run(int d) =>
            new Eiec.Sim.Simulator(image, new Eiec.Sim.SimOptions { FifoDepth = d }).Run(input).Stats;
        long Stalls(int d) => Run(d).BroadcastStallCycles;
        long Cycles(int d) => Run(d).ScanCycles;
        Stalls(1).Should().BeGreaterThan(Stalls(16));
        Cycles(1).Should().BeGreaterThan(Cycles(8));
    }
}
