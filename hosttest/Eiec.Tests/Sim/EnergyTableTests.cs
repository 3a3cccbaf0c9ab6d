using Eiec.Contract.Diagnostics;
using Eiec.Sim;
using Eiec.Sim.Energy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Sim;

public class EnergyTableTests
{
    private static string Table(Func<string, string, string>? edit = null)
    {
        var lines = EnergyActions.All.Select(a => (a.Name(), $"  {a.Name()}: {{pj: 1.5, source: test}}"));
        return "name: t\nactions:\n" + string.Join("\n", lines.Select(l => edit is null ? l.Item2 : edit(l.Item1, l.Item2)).Where(l => l.Length > 0)) + "\n";
    }

    [Fact]
    public void Should_name_every_action_with_a_source_When_the_built_in_table_loads()
    {
        var table = EnergyTable.Default();
        table.Name.Should().Be("eie-45nm");
        table.Entries.Should().HaveCount(EnergyActions.All.Count);
        table.Entries.Values.Should().OnlyContain(e => !string.IsNullOrWhiteSpace(e.Source) && e.Pj >= 0);
        table[EnergyAction.SpmatWordRead].Unit.Should().Be("SpmatRead");
    }

    [Fact]
    public void Should_match_the_copy_beside_the_binaries_When_the_default_table_is_embedded()
    {
        var copy = Path.Combine(AppContext.BaseDirectory, "Energy", "eie-45nm.yaml");
        File.Exists(copy).Should().BeTrue("the table is copied to the build output as a template");
        EnergyTable.Load(copy).Entries.Should().BeEquivalentTo(EnergyTable.Default().Entries);
    }

    [Fact]
    public void Should_fail_naming_the_file_and_key_When_an_action_is_unknown()
    {
        var yaml = Table() + "  dram_read: {pj: 640}\n";
        var act = () => EnergyTable.Parse(yaml, "mine.yaml");
        act.Should().Throw<EiecException>().WithMessage("mine.yaml: actions.dram_read*unknown action 'dram_read'*");
    }

    [Fact]
    public void Should_fail_listing_what_is_missing_When_actions_are_missing()
    {
        var yaml = Table((name, line) => name is "mac" or "lnzd_cycle" ? "" : line);
        var act = () => EnergyTable.Parse(yaml, "mine.yaml");
        act.Should().Throw<EiecException>().WithMessage("mine.yaml: missing action(s) 'mac', 'lnzd_cycle'*");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData(".nan")]
    public void Should_fail_naming_the_key_When_an_energy_is_not_a_non_negative_number(string value)
    {
        var yaml = Table((name, line) => name == "mac" ? $"  mac: {{pj: {value}}}" : line);
        var act = () => EnergyTable.Parse(yaml, "mine.yaml");
        act.Should().Throw<EiecException>().WithMessage($"mine.yaml: actions.mac*pj = '{value}'*");
    }

    [Fact]
    public void Should_fail_When_an_entry_has_no_pj_or_an_unknown_unit_or_key()
    {
        FluentActions.Invoking(() => EnergyTable.Parse(Table((n, l) => n == "mac" ? "  mac: {source: x}" : l), "t.yaml"))
            .Should().Throw<EiecException>().WithMessage("t.yaml: actions.mac*missing 'pj'*");
        FluentActions.Invoking(() => EnergyTable.Parse(Table((n, l) => n == "mac" ? "  mac: {pj: 1, unit: Dram}" : l), "t.yaml"))
            .Should().Throw<EiecException>().WithMessage("t.yaml: actions.mac*unit 'Dram'*");
        FluentActions.Invoking(() => EnergyTable.Parse(Table((n, l) => n == "mac" ? "  mac: {pj: 1, pJ: 2}" : l), "t.yaml"))
            .Should().Throw<EiecException>().WithMessage("t.yaml: actions.mac*unknown key 'pJ'*");
        FluentActions.Invoking(() => EnergyTable.Parse("name: x\n", "t.yaml"))
            .Should().Throw<EiecException>().WithMessage("t.yaml: missing 'actions:'*");
        FluentActions.Invoking(() => EnergyTable.Parse("actions: [1, 2\n", "t.yaml"))
            .Should().Throw<EiecException>().WithMessage("t.yaml: malformed energy table*");
        FluentActions.Invoking(() => EnergyTable.Load("/nonexistent/t.yaml"))
            .Should().Throw<EiecException>().WithMessage("/nonexistent/t.yaml: cannot read*");
    }

    [Fact]
    public void Should_sum_count_times_energy_by_action_and_unit_When_a_report_is_computed()
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(2, [60, 30], 0.2, bias: true), Images.Small(4));
        var stats = new Simulator(image).Run(SimHarness.Input(60, 0.5, 1)).Stats;
        var table = EnergyTable.Parse(Table(), "flat.yaml"); // 1.5 pJ per action
        var report = EnergyReport.Compute(stats, table);
        long actions = EnergyActions.All.Sum(a => stats.Actions[a]);
        report.TotalPj.Should().BeApproximately(1.5 * actions, 1e-6);
        report.ByUnit.Values.Sum().Should().BeApproximately(report.TotalPj, 1e-6);
        report.ByUnit["Arith"].Should().BeApproximately(1.5 * (stats.Actions[EnergyAction.Mac] + stats.Actions[EnergyAction.CodebookRead]), 1e-6);
        // pJ / µs = µW → mW.
        report.AveragePowerMw.Should().BeApproximately(report.TotalPj / (stats.Cycles / stats.ClockMhz) / 1000, 1e-9);
    }
}
