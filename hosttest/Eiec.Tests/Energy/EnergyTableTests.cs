using Eiec.Contract.Diagnostics;
using Eiec.Sim.Energy;

namespace Eiec.Tests.Energy;

public class EnergyTableTests
{
    private const string Mac = "      mac: {pj: 1.5, source: test}\n";
    private const string Lnzd = "      lnzd_cycle: {pj: 1.5, source: test}\n";
    private const string Leakage = "      leakage: {pj: 0.25, source: test}\n";
    private const string Clock = "      clock: {pj: 0.25, source: test}\n";

    /// <summary>A valid table: 0.25 pJ per cycle kind for every unit, 1.5 pJ per action (default units).</summary>
    public static string Table(Func<string, string>? edit = null)
    {
        var lines = new List<string> { "name: t", "units:" };
        foreach (var unit in EnergyActions.KnownUnits)
        {
            lines.Add($"  {unit}:");
            lines.Add("    per_cycle:");
            foreach (var kind in PerCycleEnergy.Kinds) lines.Add($"      {kind}: {{pj: 0.25, source: test}}");
            var actions = EnergyActions.All.Where(a => a.DefaultUnit() == unit).ToList();
            lines.Add(actions.Count == 0 ? "    actions: {}" : "    actions:");
            foreach (var a in actions) lines.Add($"      {a.Name()}: {{pj: 1.5, source: test}}");
        }
        string text = string.Join("\n", lines) + "\n";
        return edit is null ? text : edit(text);
    }

    private static void Fails(string yaml, string pattern) =>
        FluentActions.Invoking(() => EnergyTable.Parse(yaml, "mine.yaml"))
            .Should().Throw<EiecException>().WithMessage(pattern)
            .Which.Message.Should().NotContain("\n");

    private static void Fails(string from, string to, string pattern) =>
        Fails(Table(t => t.Replace(from, to)), pattern);

    [Fact]
    public void Should_give_every_number_a_source_and_a_derivation_When_the_built_in_table_loads()
    {
        var table = EnergyTable.Default();
        table.Name.Should().Be("eie-45nm");
        table.Entries.Should().HaveCount(EnergyActions.All.Count);
        table.PerCycle.Keys.Should().Equal(EnergyActions.KnownUnits);
        var numbers = table.Entries.Values
            .Concat(table.PerCycle.Values.SelectMany(p => new[] { p.Clock, p.Register, p.Leakage })).ToList();
        numbers.Should().OnlyContain(e => !string.IsNullOrWhiteSpace(e.Source) && e.Pj >= 0);
        // Every non-zero number says how it was derived.
        numbers.Where(e => e.Pj > 0).Should().OnlyContain(e => !string.IsNullOrWhiteSpace(e.Derivation));
        table[EnergyAction.SpmatWordRead].Unit.Should().Be("SpmatRead");
        table.PerCycle["SpmatRead"].Pj.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Should_match_the_copy_beside_the_binaries_When_the_default_table_is_embedded()
    {
        var copy = Path.Combine(AppContext.BaseDirectory, "Energy", "eie-45nm.yaml");
        File.Exists(copy).Should().BeTrue("the table is copied to the build output as a template");
        var loaded = EnergyTable.Load(copy);
        loaded.Entries.Should().BeEquivalentTo(EnergyTable.Default().Entries);
        loaded.PerCycle.Should().BeEquivalentTo(EnergyTable.Default().PerCycle);
    }

    [Fact]
    public void Should_read_energies_per_action_and_per_cycle_with_their_units_When_a_table_is_valid()
    {
        var table = EnergyTable.Parse(Table(t => t.Replace("mac: {pj: 1.5, source: test}",
            "mac: {pj: 0.925, source: \"Table I\", derivation: \"3.1 x 0.25 + 0.15\"}")), "mine.yaml");
        table[EnergyAction.Mac].Should().Be(new EnergyEntry(0.925, "Arith", "Table I", "3.1 x 0.25 + 0.15"));
        table[EnergyAction.LnzdCycle].Unit.Should().Be("Ccu");
        table.PerCycle["ActRw"].Pj.Should().BeApproximately(0.75, 1e-12);
    }

    [Fact]
    public void Should_fail_naming_the_file_line_and_key_When_an_action_is_unknown()
    {
        var yaml = Table(t => t.Replace(Mac, "      mac: {pj: 1.5}\n      dram_read: {pj: 640}\n"));
        int line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("dram_read")) + 1;
        Fails(yaml, $"mine.yaml: line {line}: units.Arith.actions.dram_read: unknown action 'dram_read'*");
    }

    [Fact]
    public void Should_fail_listing_what_is_missing_When_actions_or_units_or_per_cycle_kinds_are_missing()
    {
        Fails(Table(t => t.Replace(Mac, "").Replace(Lnzd, "")), "mine.yaml: missing action(s) 'mac', 'lnzd_cycle'*");
        // Ccu is the first unit: its per_cycle is on line 4.
        Fails(Leakage, "", "mine.yaml: line 4: units.Ccu.per_cycle: missing 'leakage'*");
        var noQueue = Table(t =>
            t[..t.IndexOf("  ActQueue:", StringComparison.Ordinal)] +
            t[t.IndexOf("  PtrRead:", StringComparison.Ordinal)..]);
        Fails(noQueue, "mine.yaml: missing unit(s) 'ActQueue'*");
    }

    [Fact]
    public void Should_fail_naming_the_action_When_it_is_under_two_units()
    {
        // Ccu comes first in the file, so Arith's mac is the second one.
        Fails(Lnzd, "      lnzd_cycle: {pj: 1.5}\n      mac: {pj: 1}\n",
            "mine.yaml: line *: units.Arith.actions.mac: action 'mac' is given twice (also under Ccu)");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData(".nan")]
    public void Should_fail_naming_the_key_When_an_energy_is_not_a_non_negative_number(string value)
    {
        Fails(Mac, $"      mac: {{pj: {value}}}\n",
            $"mine.yaml: line *: units.Arith.actions.mac: pj = '{value}' must be*");
        Fails("  SpmatRead:\n    per_cycle:\n" + Clock, $"  SpmatRead:\n    per_cycle:\n      clock: {{pj: {value}}}\n",
            $"mine.yaml: line *: units.SpmatRead.per_cycle.clock: pj = '{value}'*");
    }

    [Fact]
    public void Should_fail_with_one_line_When_a_key_or_unit_is_unknown_or_the_file_is_malformed()
    {
        Fails(Mac, "      mac: {pj: 1, pJ: 2}\n", "mine.yaml: line *: units.Arith.actions.mac: unknown key 'pJ'*");
        Fails(Mac, "      mac: {source: x}\n", "mine.yaml: line *: units.Arith.actions.mac: missing 'pj'*");
        Fails(Clock, "      clocks: {pj: 0.25}\n",
            "mine.yaml: line *: units.*.per_cycle.clocks: unknown key 'clocks'*");
        Fails("  Arith:", "  Dram:", "mine.yaml: line *: units.Dram: unknown unit 'Dram'*");
        Fails("  Arith:\n    per_cycle:", "  Arith:\n    idle: {pj: 1}\n    per_cycle:",
            "mine.yaml: line *: units.Arith.idle: unknown key 'idle'*");
        Fails("name: x\n", "mine.yaml: missing 'units:'*");
        Fails("actions:\n  mac: {pj: 1}\n", "mine.yaml: line 1: top-level 'actions:' is the old flat format*");
        Fails("units: [1, 2\n", "mine.yaml: malformed energy table at line *");
        FluentActions.Invoking(() => EnergyTable.Load("/nonexistent/t.yaml"))
            .Should().Throw<EiecException>().WithMessage("/nonexistent/t.yaml: cannot read*");
    }
}
