using System.Text.Json;
using Eiec.Contract.Npy;
using Eiec.Golden;
using Eiec.Sim;
using Eiec.Tests.Support;

namespace Eiec.Tests.Sim;

public class SimCommandTests
{
    // The shared in-process runner; its result deconstructs as (exit code, stdout, stderr).
    private static Support.Cli.Result Cli(params string[] args) => Support.Cli.Run(args);

    [Fact]
    public void Should_print_tables_write_json_and_golden_outputs_When_an_int16_input_is_simulated()
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(4, [50, 30, 10], 0.2, bias: true), Images.Small(4));
        var input = SimHarness.Input(50, 0.5, 3);
        NpyWriter.WriteFile(tmp.File("x.npy"), NpyArray.FromInt16(input));

        var (code, stdout, stderr) = Cli("sim", tmp.File("img"), "--input", tmp.File("x.npy"),
                                         "--json", tmp.File("r.json"), "--output", tmp.File("y.npy"),
                                         "--raw", "--clock-mhz", "500");

        code.Should().Be(0, stderr);
        stdout.Should().Contain("Cycles and throughput (4 PEs, queue depth 8, clock 500 MHz)")
            .And.Contain("latency [µs]").And.Contain("Energy per inference").And.Contain("average power")
            .And.NotContain("\u001b[");
        var expected = new Simulator(image, new SimOptions { ClockMhz = 500 }).Run(input).Stats;
        using var json = JsonDocument.Parse(File.ReadAllText(tmp.File("r.json")));
        var root = json.RootElement;
        root.GetProperty("clock_mhz").GetDouble().Should().Be(500);
        root.GetProperty("summary").GetProperty("cycles").GetInt64().Should().Be(expected.Cycles);
        root.GetProperty("layers").GetArrayLength().Should().Be(2);
        root.GetProperty("stats").EnumerateArray()
            .Should().OnlyContain(s => s.GetProperty("unit").GetString()!.Length > 0);
        root.GetProperty("energy").GetProperty("total_pj").GetDouble().Should().BeGreaterThan(0);
        NpyReader.Read(tmp.File("y.npy")).ToInt16().Should().Equal(GoldenModel.Run(image, input).Output);
    }

    [Fact]
    public void Should_simulate_every_row_When_the_input_is_a_float_batch()
    {
        using var tmp = new TempDir();
        SimHarness.Image(tmp, Images.Random(5, [20, 8], 0.3), Images.Small(2));
        var x = Enumerable.Range(0, 60).Select(i => (float)Math.Sin(i) * 0.5f).ToArray();
        NpyWriter.WriteFile(tmp.File("x.npy"), NpyArray.FromFloat32(x, [3, 20]));
        var (code, stdout, stderr) = Cli("sim", tmp.File("img"), "-i", tmp.File("x.npy"), "-o", tmp.File("y.npy"));
        code.Should().Be(0, stderr);
        stdout.Should().Contain("per inference over 3");
        NpyReader.Read(tmp.File("y.npy")).Shape.Should().Equal(3, 8);
    }

    [Fact]
    public void Should_use_the_documented_default_input_and_time_repeats_When_no_input_is_given()
    {
        using var tmp = new TempDir();
        SimHarness.Image(tmp, Images.Random(6, [40, 12], 0.2), Images.Small(4));
        var (code, stdout, stderr) = Cli("sim", tmp.File("img"), "--repeat", "2", "--per-pe", "--fifo-depth", "2");
        code.Should().Be(0, stderr);
        stdout.Should().Contain("default: seeded random (seed 1, density 0.5").And.Contain("best of 2:")
            .And.Contain("Per PE, all layers").And.Contain("queue depth 2");
    }

    [Fact]
    public void Should_fail_with_one_line_naming_the_file_and_key_When_the_energy_table_is_bad()
    {
        using var tmp = new TempDir();
        SimHarness.Image(tmp, Images.Random(7, [10, 5], 0.3), Images.Small(1));
        File.WriteAllText(tmp.File("t.yaml"),
                          "units:\n  Arith:\n    actions:\n      mac: {pj: 1}\n      sram_leak: {pj: 2}\n");
        var (code, _, stderr) = Cli("sim", tmp.File("img"), "--energy-table", tmp.File("t.yaml"));
        code.Should().Be(1);
        stderr.Should().StartWith($"eiec: error: {tmp.File("t.yaml")}: line 5: units.Arith.actions.sram_leak")
            .And.Contain("unknown action 'sram_leak'");
        stderr.Trim().Split('\n').Should().HaveCount(1);
    }

    [Fact]
    public void Should_fail_naming_the_directory_When_the_image_is_missing()
    {
        using var tmp = new TempDir();
        var (code, _, stderr) = Cli("sim", tmp.File("nothing"));
        code.Should().Be(1);
        stderr.Should().Contain(tmp.File("nothing")).And.Contain("not an eiec image directory");
    }

    [Fact]
    public void Should_write_the_same_report_and_outputs_When_the_reference_engine_is_chosen()
    {
        using var tmp = new TempDir();
        SimHarness.Image(tmp, Images.Random(8, [40, 24, 9], 0.25, bias: true), Images.Small(3, 2));
        foreach (var engine in new[] { "event", "reference" })
        {
            var (code, _, stderr) = Cli("sim", tmp.File("img"), "--engine", engine,
                                        "--json", tmp.File($"{engine}.json"), "-o", tmp.File($"{engine}.npy"));
            code.Should().Be(0, stderr);
        }
        var (defaultCode, _, defaultErr) = Cli("sim", tmp.File("img"), "--json", tmp.File("default.json"));
        defaultCode.Should().Be(0, defaultErr);

        File.ReadAllBytes(tmp.File("reference.json")).Should().Equal(File.ReadAllBytes(tmp.File("event.json")));
        File.ReadAllBytes(tmp.File("reference.npy")).Should().Equal(File.ReadAllBytes(tmp.File("event.npy")));
        File.ReadAllBytes(tmp.File("default.json")).Should().Equal(File.ReadAllBytes(tmp.File("event.json")));
    }

    [Fact]
    public void Should_fail_with_one_line_naming_the_value_When_the_engine_is_unknown()
    {
        using var tmp = new TempDir();
        SimHarness.Image(tmp, Images.Random(9, [10, 5], 0.3), Images.Small(1));
        var (code, stdout, stderr) = Cli("sim", tmp.File("img"), "--engine", "fast", "--json", tmp.File("r.json"));
        code.Should().Be(1);
        stderr.Trim().Should().Be("eiec: error: --engine fast: must be event or reference");
        stdout.Should().BeEmpty();
        File.Exists(tmp.File("r.json")).Should().BeFalse();
    }
}
