using System.Text.Json;
using Eiec.Tests.Sim;
using Eiec.Tests.Support;

namespace Eiec.Tests.Energy;

public class EnergySimCommandTests
{
    // The shared in-process runner; its result deconstructs as (exit code, stdout, stderr).
    private static Support.Cli.Result Cli(params string[] args) => Support.Cli.Run(args);

    [Fact]
    public void Should_report_efficiency_figures_and_draw_the_energy_plot_When_sim_gets_plot_and_json()
    {
        using var tmp = new TempDir();
        SimHarness.Image(tmp, Images.Random(8, [64, 32], 0.25, bias: true), Images.Small(4));
        var (code, stdout, stderr) = Cli("sim", tmp.File("img"), "--json", tmp.File("r.json"),
            "--energy-plot", tmp.File("e.png"), "--clock-mhz", "400");
        code.Should().Be(0, stderr);
        stdout.Should().Contain("Energy efficiency").And.Contain("frames/J").And.Contain("energy per useful MAC [pJ]")
            .And.Contain("leakage (per PE-cycle)").And.Contain($"energy plot: {tmp.File("e.png")}");

        var png = File.ReadAllBytes(tmp.File("e.png"));
        png.Take(8).Should().Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });

        using var doc = JsonDocument.Parse(File.ReadAllText(tmp.File("r.json")));
        var root = doc.RootElement;
        var e = root.GetProperty("energy");
        long cycles = root.GetProperty("summary").GetProperty("cycles").GetInt64();
        long useful = root.GetProperty("summary").GetProperty("useful_entries").GetInt64();
        double pj = e.GetProperty("per_inference_pj").GetDouble();
        // Independent arithmetic: the sum of the lines, 400 MHz, one inference.
        double lines = e.GetProperty("actions").EnumerateArray().Sum(l => l.GetProperty("total_pj").GetDouble())
                       + e.GetProperty("per_cycle").EnumerateArray().Sum(l => l.GetProperty("total_pj").GetDouble());
        lines.Should().BeApproximately(pj, 1e-6);
        foreach (var l in e.GetProperty("actions").EnumerateArray())
            l.GetProperty("total_pj").GetDouble().Should().BeApproximately(
                l.GetProperty("count").GetInt64() * l.GetProperty("pj_per_action").GetDouble(), 1e-6);
        e.GetProperty("frames_per_s").GetDouble().Should().BeApproximately(400e6 / cycles, 1e-6);
        e.GetProperty("frames_per_j").GetDouble().Should().BeApproximately(1e12 / pj, 1e-3);
        e.GetProperty("pj_per_useful_mac").GetDouble().Should().BeApproximately(pj / useful, 1e-9);
        e.GetProperty("average_power_mw").GetDouble().Should().BeApproximately(pj / (cycles / 400.0) / 1000, 1e-9);
        e.GetProperty("by_unit_mw").EnumerateObject().Sum(u => u.Value.GetDouble())
            .Should().BeApproximately(e.GetProperty("average_power_mw").GetDouble(), 1e-9);
    }

    [Fact]
    public void Should_write_nothing_When_the_plot_and_the_report_are_the_same_file()
    {
        using var tmp = new TempDir();
        SimHarness.Image(tmp, Images.Random(9, [16, 8], 0.5), Images.Small(2));
        var (code, _, stderr) = Cli("sim", tmp.File("img"), "--json", tmp.File("x"), "--plot", tmp.File("x"));
        code.Should().Be(1);
        stderr.Should().Contain("--json").And.Contain("--plot").And.Contain("the same file");
        File.Exists(tmp.File("x")).Should().BeFalse();
    }
}
