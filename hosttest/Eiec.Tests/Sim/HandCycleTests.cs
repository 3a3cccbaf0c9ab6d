using Eiec.Sim;
using Eiec.Tests.Support;

namespace Eiec.Tests.Sim;

/// <summary>
/// Cycle counts derived by hand from docs/microarchitecture.md, cycle by cycle. Notation: "bc j" =
/// the control unit broadcasts column j; "pop j" = pointer read of j; "take" = the sparse-matrix read
/// unit takes the column register; "iss e" = entry e issues; E1..E4 = pipeline stages; "bus j" = pair j
/// is on the registered broadcast bus (the queue takes it at the end of that cycle). The end of SCAN is
/// registered: SCAN ends one cycle after the first cycle that starts with ccu_done, the bus empty and
/// every PE idle. WB takes rows_per_pe + 4 cycles (the requantizer's four stages).
/// Every schedule holds for both engines: the per-cycle reference and the event-time engine.
/// </summary>
public class HandCycleTests
{
    public static TheoryData<SimEngine> Engines => new() { SimEngine.Reference, SimEngine.Event };

    private static SimResult Run(
        TempDir tmp, Eiec.Contract.Cz.CzModel model, int pes, int depth, short[] input, SimEngine engine) =>
        SimHarness.RunAndCompare(SimHarness.Image(tmp, model, Images.Small(pes, depth)), input, engine: engine);

    /// <summary>
    /// 1 PE, one input (non-zero), one column with 3 entries (rows 0, 1, 2), 3 outputs.
    /// <code>
    /// cycle  CCU                         PE
    ///   0    rd g0 (fetch_g 0→1)         starved
    ///   1    load_cur: mask={0}          starved
    ///   2    bc j=0 (mask→0)             starved (count 0 at start)
    ///   3    ccu_done; bus j=0           (pair on the bus)            drain
    ///   4                                pop j=0, pointer read        drain
    ///   5                                col_v: take [0,3)            drain
    ///   6                                iss 0 (SRAM word read)       busy
    ///   7                                iss 1, E1 0                  busy
    ///   8                                iss 2 (last), E1 1, E2 0     busy
    ///   9                                E1 2, E2 1, E3 0             drain
    ///  10                                E2 2, E3 1, E4 0             drain
    ///  11                                E3 2, E4 1                   drain
    ///  12                                E4 2                         drain
    ///  13    ccu_done, bus empty and PE idle at the start            starved
    ///  14    (registered) SCAN ends                                  starved
    /// </code>
    /// scan = 15; WB = rows_per_pe + 4 = 7; total 22.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public void Should_take_15_scan_and_7_write_back_cycles_When_one_PE_has_one_column_of_3_entries(SimEngine engine)
    {
        using var tmp = new TempDir();
        var model = SimHarness.Columns(3, [(0, 1), (1, 2), (2, 3)]);
        var result = Run(tmp, model, 1, 8, [256], engine);
        var layer = result.Stats.Layers[0];
        layer.ScanCycles.Should().Be(15);
        layer.WbCycles.Should().Be(7);
        result.Stats.Cycles.Should().Be(22);
        var pe = layer.PeStats[0];
        (pe.Busy, pe.Stalled, pe.Starved, pe.Drain).Should().Be((3, 0, 5, 7));
        pe.SpmatWordReads.Should().Be(1);
        pe.PointerReads.Should().Be(1);
        layer.Broadcasts.Should().Be(1);
        layer.IdealScanCycles.Should().Be(3);
        layer.LoadBalanceEfficiency.Should().BeApproximately(3.0 / 15, 1e-12);
    }

    /// <summary>
    /// 1 PE, 5 inputs, all zero: one group per cycle passes through nxt and cur with an empty mask.
    /// <code>
    /// cycle 0: rd g0 | 1: load g0, rd g1 | 2: load g1, rd g2 | 3: load g2, rd g3 | 4: load g3, rd g4
    /// cycle 5: load g4 (no groups left: nxt_valid ← 0) | 6: ccu_done, PE idle | 7: SCAN ends (registered)
    /// </code>
    /// scan = groups + 3 = 8.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public void Should_take_groups_plus_3_scan_cycles_When_the_input_is_all_zero(SimEngine engine)
    {
        using var tmp = new TempDir();
        var model = SimHarness.Columns(2, [(0, 1)], [(1, 2)], [(0, 3)], [], [(1, 1)]);
        var layer = Run(tmp, model, 1, 8, new short[5], engine).Stats.Layers[0];
        layer.ScanCycles.Should().Be(8);
        layer.GroupReads.Should().Be(5);
        layer.PeStats[0].Starved.Should().Be(8);
    }

    /// <summary>
    /// 1 PE, one non-zero input whose column is empty in this PE: dropped by the pointer read unit.
    /// <code>
    /// 0 rd g0 | 1 load | 2 bc j=0 | 3 bus j=0 | 4 pop j=0 | 5 col [0,0): empty, dropped (col_v ← 0)
    /// | 6 PE idle, ccu_done | 7 SCAN ends (registered)
    /// </code>
    /// scan = 8 (the dropped column is in the column register in cycle 5). With a second, zero input the second group
    /// loads in cycle 2 while j=0 broadcasts, so it adds no cycle: still 8.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public void Should_drop_an_empty_column_in_the_pointer_unit_When_it_is_the_only_one(SimEngine engine)
    {
        using var tmp = new TempDir();
        var model = SimHarness.Columns(1, [], [(0, 1)]);
        var layer = Run(tmp, model, 1, 8, [256, 0], engine).Stats.Layers[0];
        layer.ScanCycles.Should().Be(8, "the zero second group loads in the cycle j=0 broadcasts");
        var single = SimHarness.Columns(1, new (int Row, int Code)[][] { [] });
        using var tmp2 = new TempDir();
        var one = Run(tmp2, single, 1, 8, [256], engine).Stats.Layers[0];
        one.ScanCycles.Should().Be(8);
        one.IssuedEntries.Should().Be(0);
        one.PeStats[0].PointerReads.Should().Be(1);
    }

    /// <summary>
    /// 1 PE, four non-zero inputs: column 0 has 3 entries (rows 0, 1, 2), columns 1 and 2 are empty,
    /// column 3 has one entry (row 0). One input per group, so the control unit broadcasts one pair
    /// per cycle (j in cycle 2 + j) and is done from cycle 6.
    /// <code>
    /// cycle  PE (pointer read unit | sparse-matrix read unit | pipeline)                class
    ///   0-2  nothing yet                                                                 starved
    ///   3    bus j=0                                                                     drain
    ///   4    pop j=0                                                                     drain
    ///   5    pop j=1 | take j=0 [0,3)                                                    drain
    ///   6    col j=1 empty: dropped, pop j=2 | iss 0                                     busy
    ///   7    col j=2 empty: dropped, pop j=3 | iss 1                                     busy
    ///   8    col j=3 [3,4) | iss 2 (last), take j=3                                      busy
    ///   9    iss 3 (last)                                                                busy
    ///  10-13 E1..E4 of entry 3                                                           drain
    ///  14    ccu_done, bus empty, PE idle at the start                                   starved
    ///  15    SCAN ends (registered)                                                      starved
    /// </code>
    /// scan = 16: busy 4, starved 5, drain 7. The two empty columns are popped and dropped while
    /// column 0 streams. Under the rule before issue 12 each was taken by the sparse-matrix read
    /// unit and found empty the next cycle (take j=1 in 8, j=2 in 9, j=3 in 10, iss 3 in 11): scan 18.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public void Should_hide_empty_columns_behind_a_long_column_When_the_pointer_unit_drops_them(SimEngine engine)
    {
        using var tmp = new TempDir();
        var model = SimHarness.Columns(3, [(0, 1), (1, 2), (2, 3)], [], [], [(0, 1)]);
        var layer = Run(tmp, model, 1, 8, [256, 256, 256, 256], engine).Stats.Layers[0];
        layer.ScanCycles.Should().Be(16);
        var pe = layer.PeStats[0];
        (pe.Busy, pe.Stalled, pe.Starved, pe.Drain).Should().Be((4, 0, 5, 7));
        pe.PointerReads.Should().Be(4, "every broadcast pair is popped, empty or not");
        layer.IssuedEntries.Should().Be(4);
        pe.EmptyColumns.Should().Be(2);
        // Column bound: column 0 (3 entries) then 2 empty and a non-empty one: max(3, 1 + 2) = 3; the last
        // column: max(1, 0) = 1. Work bound: 4 entries.
        (layer.WorkBoundCycles, layer.ColumnBoundCycles).Should().Be((4, 4));
    }

    /// <summary>
    /// 1 PE, queue depth 1, two non-zero inputs, each column one entry (row 0 of 1 output). "occ" is the
    /// queue count plus the bus pair at the start of the cycle; any_full(t) = occ(t−1) + bc(t−1) ≥ D
    /// (a register: a pop frees its place for the broadcast one cycle late).
    /// <code>
    /// cycle  CCU                                       PE (occ at start)                      class
    ///   0    rd g0                                     0                                      starved
    ///   1    load g0 mask={0}, rd g1                   0                                      starved
    ///   2    bc j=0; mask→0: load g1 mask={0}          0                                      starved
    ///   3    any_full (0 + bc): stall                  1 (bus j=0)                            stalled
    ///   4    any_full (occ 1): stall                   1: pop j=0                             stalled
    ///   5    any_full (occ 1 in 4): stall              0: take [0,1)                          drain
    ///   6    bc j=1 (mask → 0)                         0: iss 0 (last)                        busy
    ///   7                                              1 (bus j=1): E1 0                      drain
    ///   8                                              1: pop j=1, E2 0                       drain
    ///   9                                              0: take [1,2), E3 0                    drain
    ///  10                                              iss 1 (held word: no read), E4 0       busy
    ///  11                                              E1 1                                   drain
    ///  12                                              E2 1                                   drain
    ///  13                                              E3 1                                   drain
    ///  14                                              E4 1                                   drain
    ///  15    ccu_done, bus empty and PE idle at the start                                     starved
    ///  16    SCAN ends (registered)                                                           starved
    /// </code>
    /// scan = 17; busy 2, stalled 2 (occ = D while the mask is set), starved 5, drain 8; three
    /// broadcast-stall cycles (3, 4, 5).
    /// With depth 2 nothing stalls: bc j=1 in cycle 3 (any_full needs occ + bc = 2 before), bus j=1 and
    /// pop j=0 in 4, take j=0 and pop j=1 in 5, iss 0 (last) and take j=1 in 6, iss 1 in 7, E4 of entry 1
    /// in 11, condition in 12, scan = 14: busy 2 (6, 7), stalled 0, starved 5 (0, 1, 2, 12, 13), drain 7
    /// (3, 4, 5, 8, 9, 10, 11).
    /// </summary>
    [Theory]
    [InlineData(SimEngine.Reference, 1, 17, 2, 2, 5, 8, 3)]
    [InlineData(SimEngine.Reference, 2, 14, 2, 0, 5, 7, 0)]
    [InlineData(SimEngine.Event, 1, 17, 2, 2, 5, 8, 3)]
    [InlineData(SimEngine.Event, 2, 14, 2, 0, 5, 7, 0)]
    public void Should_match_the_hand_schedule_When_a_shallow_queue_stalls_the_broadcast(
        SimEngine engine, int depth, int scan, int busy, int stalled, int starved, int drain, int stalls)
    {
        using var tmp = new TempDir();
        var model = SimHarness.Columns(1, [(0, 1)], [(0, 2)]);
        var layer = Run(tmp, model, 1, depth, [256, 512], engine).Stats.Layers[0];
        layer.ScanCycles.Should().Be(scan);
        var pe = layer.PeStats[0];
        (pe.Busy, pe.Stalled, pe.Starved, pe.Drain).Should().Be((busy, stalled, starved, drain));
        layer.BroadcastStallCycles.Should().Be(stalls);
        // One PE: every stall is its full queue's, and it is the only one.
        (pe.Blocking, pe.BlockingAlone).Should().Be((stalls, stalls));
        pe.SpmatWordReads.Should().Be(1, "both entries sit in SRAM word 0: the second issue reuses the held word");
    }

    /// <summary>
    /// Blocking attribution. 2 PEs, queue depth 1, four non-zero inputs (groups {0, 1}, {2, 3}). PE 0
    /// holds all the entries: columns 0 and 1 ten each (even rows 0 .. 18), columns 2 and 3 one each;
    /// every column is empty in PE 1. "full" = occupancy at the start of the cycle before plus that
    /// cycle's broadcast reached D = 1 (what sets any_full).
    /// <code>
    /// cycle  CCU                  PE 0                                   PE 1            full (for next)
    ///   2    bc j=0               -                                      -               0, 1
    ///   3-5  stall (both full)    bus j=0; pop j=0 in 4; take j=0 in 5   same; drop 5    both, both, -
    ///   6    bc j=1; load g1      iss j=0: 6 .. 15                       -               0, 1
    ///   7-9  stall (both full)    bus; pop j=1 in 8 (col free)           pop 8, drop 9   both, both, -
    ///  10    bc j=2               col j=1 waits for the read unit        -               0, 1
    ///  11-13 stall (both full)    bus; count 1 from 12, no pop (col j=1) pop 12          both, both, PE 0
    ///  14-16 stall (PE 0 alone)   take j=1 and pop j=2 in 15             -               PE 0, PE 0, -
    ///  17    bc j=3 (mask empty: no more stalls)
    /// </code>
    /// 12 broadcast stalls: PE 0 blocking 12 (alone 3: 14, 15, 16), PE 1 blocking 9 (alone 0).
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public void Should_blame_the_PE_whose_queue_is_full_When_one_PE_holds_the_broadcast(SimEngine engine)
    {
        using var tmp = new TempDir();
        var ten = Enumerable.Range(0, 10).Select(i => (2 * i, 1)).ToArray();
        var model = SimHarness.Columns(20, ten, ten, [(0, 2)], [(0, 3)]);
        var layer = Run(tmp, model, 2, 1, [256, 256, 256, 256], engine).Stats.Layers[0];
        layer.BroadcastStallCycles.Should().Be(12);
        (layer.PeStats[0].Blocking, layer.PeStats[0].BlockingAlone).Should().Be((12, 3));
        (layer.PeStats[1].Blocking, layer.PeStats[1].BlockingAlone).Should().Be((9, 0));
        layer.PeStats[1].EmptyColumns.Should().Be(4);
        (layer.WorkBoundCycles, layer.ColumnBoundCycles).Should().Be((22, 22));
    }

    /// <summary>
    /// 2 PEs, two inputs (one group), both non-zero; column 0 has row 0 (PE 0), column 1 row 1 (PE 1).
    /// <code>
    /// cycle  CCU            PE 0                              PE 1
    ///   0    rd g0
    ///   1    load mask=11
    ///   2    bc j=0
    ///   3    bc j=1         bus j=0                           bus j=0
    ///   4                   pop 0, bus j=1                    pop 0, bus j=1
    ///   5                   take [0,1), pop 1                 take [0,0) (empty here), pop 1
    ///   6                   iss 0 (last), take [1,1) (empty)  take [0,1)
    ///   7                   E1                                iss 0
    ///   8                   E2                                E1
    ///   9                   E3                                E2
    ///  10                   E4                                E3
    ///  11                   idle                              E4
    ///  12    ccu_done, bus empty, both idle
    ///  13    SCAN ends (registered)
    /// </code>
    /// scan = 14; PE 0: busy 1 (6), starved 6 (0, 1, 2, 11, 12, 13), drain 7 (3, 4, 5, 7, 8, 9, 10);
    /// PE 1: busy 1 (7), starved 5 (0, 1, 2, 12, 13), drain 8 (3, 4, 5, 6, 8, 9, 10, 11). WB: 1 row + 4.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public void Should_match_the_hand_schedule_When_two_PEs_share_one_group(SimEngine engine)
    {
        using var tmp = new TempDir();
        var model = SimHarness.Columns(2, [(0, 1)], [(1, 3)]);
        var layer = Run(tmp, model, 2, 8, [256, 256], engine).Stats.Layers[0];
        layer.ScanCycles.Should().Be(14);
        var pe0 = layer.PeStats[0];
        (pe0.Busy, pe0.Stalled, pe0.Starved, pe0.Drain).Should().Be((1, 0, 6, 7));
        var pe1 = layer.PeStats[1];
        (pe1.Busy, pe1.Stalled, pe1.Starved, pe1.Drain).Should().Be((1, 0, 5, 8));
        layer.WbCycles.Should().Be(5);
    }
}
