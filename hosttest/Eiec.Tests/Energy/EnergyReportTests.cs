using Eiec.Sim;
using Eiec.Sim.Energy;
using Eiec.Tests.Sim;
using Eiec.Tests.Support;

namespace Eiec.Tests.Energy;

public class EnergyReportTests
{
    [Fact]
    public void Should_add_count_times_energy_and_cycles_times_per_cycle_energy_When_a_report_is_computed()
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(2, [60, 30], 0.2, bias: true), Images.Small(4));
        var stats = new Simulator(image, new SimOptions { ClockMhz = 500 }).Run(SimHarness.Input(60, 0.5, 1)).Stats;
        // 1.5 pJ per action, 0.25 pJ per cycle kind (clock, register, leakage) for every unit.
        var table = EnergyTable.Parse(EnergyTableTests.Table(), "flat.yaml");
        var report = EnergyReport.Compute(stats, table);

        long actions = EnergyActions.All.Sum(a => stats.Actions[a]);
        int pes = image.Config.Pes;
        // Five PE units and Pe pay 3 x 0.25 pJ per PE per cycle; Ccu once per cycle.
        double perCycle = stats.Cycles * (6.0 * pes + 1) * 0.75;
        report.TotalPj.Should().BeApproximately(1.5 * actions + perCycle, 1e-6);
        report.ByUnit.Values.Sum().Should().BeApproximately(report.TotalPj, 1e-6);
        long arithActions = stats.Actions[EnergyAction.Mac] + stats.Actions[EnergyAction.CodebookRead];
        report.ByUnit["Arith"].Should().BeApproximately(1.5 * arithActions + 0.75 * stats.Cycles * pes, 1e-6);
        report.ByUnit["Ccu"].Should().BeApproximately(
            1.5 * stats.Actions[EnergyAction.LnzdCycle] + 0.75 * stats.Cycles, 1e-6);

        double seconds = stats.Cycles / 500e6;
        report.AveragePowerMw.Should().BeApproximately(report.TotalPj * 1e-12 / seconds * 1e3, 1e-9);
        report.FramesPerSecond.Should().BeApproximately(1 / seconds, 1e-6);
        report.FramesPerJoule.Should().BeApproximately(1 / (report.TotalPj * 1e-12), 1e-3);
        report.PjPerUsefulMac.Should().BeApproximately(report.TotalPj / stats.UsefulEntries, 1e-9);
        report.Lines.Where(l => l.PerCycle).Should().HaveCount(3 * EnergyActions.KnownUnits.Count);
    }

    [Fact]
    public void Should_match_the_per_layer_sum_When_layer_energies_are_computed_alone()
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(3, [40, 30, 20], 0.3), Images.Small(2));
        var stats = new Simulator(image).Run(SimHarness.Input(40, 0.6, 2)).Stats;
        var table = EnergyTable.Default();
        double layers = stats.Layers.Sum(l => EnergyReport.Pj(l.Actions, l.Cycles, stats.Pes, table));
        layers.Should().BeApproximately(EnergyReport.Compute(stats, table).TotalPj, 1e-6);
    }

    [Fact]
    public void Should_divide_by_the_inferences_When_a_batch_is_reported()
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(5, [30, 20], 0.3), Images.Small(2));
        var sim = new Simulator(image);
        var one = sim.Run(SimHarness.Input(30, 0.5, 4)).Stats;
        var two = one + one;
        var table = EnergyTable.Default();
        var a = EnergyReport.Compute(one, table);
        var b = EnergyReport.Compute(two, table);
        b.TotalPj.Should().BeApproximately(2 * a.TotalPj, 1e-6);
        b.PerInferencePj.Should().BeApproximately(a.PerInferencePj, 1e-6);
        b.FramesPerSecond.Should().BeApproximately(a.FramesPerSecond, 1e-6);
        b.AveragePowerMw.Should().BeApproximately(a.AveragePowerMw, 1e-9);
    }
}
