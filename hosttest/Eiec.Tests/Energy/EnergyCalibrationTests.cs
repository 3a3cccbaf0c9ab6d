using System.Text.Json;
using Eiec.Cli;
using Eiec.Sim.Energy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Energy;

/// <summary>
/// The default table against the EIE paper's Table II on the Table III layers the calibration did not
/// fit (bench/energy-calibrate.py; docs/energy.md). The counts are cached in bench/energy-counts.json
/// so this stays fast; one held-out layer is re-simulated to show the cache is current, and
/// `make bench` re-simulates all nine.
/// </summary>
public class EnergyCalibrationTests
{
    // Table II, one PE at 800 MHz (Han et al., ISCA 2016), mW.
    private static readonly Dictionary<string, double> Table2 = new()
    {
        ["ActQueue"] = 0.112, ["PtrRead"] = 1.807, ["SpmatRead"] = 4.955, ["Arith"] = 1.162, ["ActRw"] = 1.122,
    };
    private const double Table2TotalMw = 9.157;
    private static readonly string[] HeldOut = ["Alex-7", "VGG-6", "VGG-8", "NT-LSTM"];

    private sealed record Counts(long Cycles, int Pes, Dictionary<string, long> Actions);

    private static Dictionary<string, Counts> Cached()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "bench", "energy-counts.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("layers").EnumerateObject().ToDictionary(l => l.Name, l => new Counts(
            l.Value.GetProperty("cycles").GetInt64(), l.Value.GetProperty("pes").GetInt32(),
            l.Value.GetProperty("actions").EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetInt64())));
    }

    /// <summary>
    /// mW per PE of each unit: (Σ count × pJ + PE-cycles × per-cycle pJ) / time, recomputed from the
    /// table's numbers.
    /// </summary>
    private static Dictionary<string, double> PowerPerPe(Counts c, EnergyTable table, double mhz = 800)
    {
        double peCycles = (double)c.Cycles * c.Pes;
        var mw = new Dictionary<string, double>();
        foreach (var unit in Table2.Keys.Append("Pe"))
        {
            double pj = peCycles * table.PerCycle[unit].Pj;
            foreach (var (action, entry) in table.Entries.Where(e => e.Value.Unit == unit))
                pj += c.Actions[action.Name()] * entry.Pj;
            mw[unit] = pj / peCycles * mhz / 1000;   // pJ per PE-cycle × MHz = µW per PE
        }
        return mw;
    }

    private static Counts Sum(IEnumerable<Counts> all)
    {
        var list = all.ToList();
        var actions = list[0].Actions.Keys.ToDictionary(k => k, k => list.Sum(c => c.Actions[k]));
        return new Counts(list.Sum(c => c.Cycles), list[0].Pes, actions);
    }

    [Fact]
    public void Should_be_within_10_percent_of_Table_II_per_unit_and_in_total_When_the_held_out_layers_run()
    {
        var cached = Cached();
        var table = EnergyTable.Default();
        var cases = HeldOut.Select(n => (n, cached[n])).Append(("held-out set", Sum(HeldOut.Select(n => cached[n]))));
        foreach (var (name, counts) in cases)
        {
            counts.Pes.Should().Be(64);
            var mw = PowerPerPe(counts, table);
            foreach (var (unit, paper) in Table2)
                mw[unit].Should().BeInRange(paper * 0.9, paper * 1.1, $"{name}: {unit} power vs Table II {paper} mW");
            mw.Values.Sum().Should().BeInRange(Table2TotalMw * 0.9, Table2TotalMw * 1.1,
                $"{name}: PE total vs Table II");
        }
    }

    [Fact]
    public void Should_give_the_chip_power_and_AlexNet_FC7_energy_of_Table_V_When_Alex_7_runs()
    {
        var alex7 = Cached()["Alex-7"];
        var table = EnergyTable.Default();
        double pj = alex7.Actions.Sum(a => a.Value * table.Entries.Single(e => e.Key.Name() == a.Key).Value.Pj)
                    + table.PerCycle.Sum(p =>
                        p.Value.Pj * alex7.Cycles * (EnergyActions.IsPerPe(p.Key) ? alex7.Pes : 1));
        // Table V: 138,927 frames/J = 7.198 µJ per frame at about 0.59 W; eiec's Alex-7 takes more cycles
        // than the paper's 81,967 frames/s allow, so its energy is compared loosely and its power closely.
        double watts = pj * 1e-12 / (alex7.Cycles / 800e6);
        watts.Should().BeInRange(0.59 * 0.9, 0.59 * 1.1);
        (pj * 1e-6).Should().BeInRange(7.198 * 0.8, 7.198 * 1.2, "µJ per Alex-7 inference");
    }

    [Fact]
    public void Should_match_the_simulator_When_a_held_out_layer_is_simulated_again()
    {
        using var tmp = new TempDir();
        var config = Path.Combine(AppContext.BaseDirectory, "bench", "eie-large.yaml");
        Run("gen", "--layer", "NT-LSTM", "--seed", "1", "-o", tmp.Path);
        // As bench/energy-calibrate.py builds it: the paper's interleaving.
        Run("build", tmp.File("NT-LSTM.cz"), "-c", config, "--balance", "none", "-o", tmp.File("img"));
        Run("sim", tmp.File("img"), "--input", tmp.File("NT-LSTM.input.npy"), "--json", tmp.File("r.json"));
        using var doc = JsonDocument.Parse(File.ReadAllText(tmp.File("r.json")));
        var layer = doc.RootElement.GetProperty("layers")[0];
        var cached = Cached()["NT-LSTM"];
        doc.RootElement.GetProperty("summary").GetProperty("cycles").GetInt64().Should().Be(cached.Cycles,
            "bench/energy-counts.json must be current (bench/energy-calibrate.py --write)");
        foreach (var (action, count) in cached.Actions)
            layer.GetProperty("actions").GetProperty(action).GetInt64().Should().Be(count, $"cached count of {action}");
    }

    private static void Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        EiecCli.Run(args, o, e).Should().Be(0, e.ToString());
    }
}
