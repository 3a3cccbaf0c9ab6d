using Eiec.Cli;
using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Sim;
using Eiec.Sim.Energy;
using Eiec.Tests.Support;
using Eiec.Toolchain.Sweep;

namespace Eiec.Tests.Sim;

public class SweepTests
{
    private static readonly AccelConfig Base =
        Images.Small(1) with { ActivationSramBytes = 4096, SpmatSramBytes = 64 * 1024, PointerSramBytes = 8 * 1024 };

    [Fact]
    public void Should_equal_direct_simulations_and_measure_speedup_from_the_smallest_PE_count_When_swept()
    {
        var model = Images.Random(3, [120, 60, 20], 0.2, bias: true);
        var input = SimHarness.Input(120, 0.5, 1);
        var rows = SweepRunner.Run(model, Base, [1, 4, 16], [1, 8], [], input, 8, EnergyTable.Default(), "m.cz");

        rows.Should().HaveCount(3 * 2 * 3, "3 PE counts × 2 depths × (2 layers + network)");
        foreach (var r in rows.Where(r => r.Layer < 0))
        {
            var image = ImageCompiler.Compile(model, Base with { Pes = r.Pes }, 8, "m.cz",
                ImageCompiler.DefaultBalance);
            var stats = new Simulator(image, new SimOptions { FifoDepth = r.FifoDepth }).Run(input).Stats;
            r.Cycles.Should().Be(stats.Cycles, $"{r.Pes} PEs, depth {r.FifoDepth}");
            r.LoadBalanceEfficiency.Should().BeApproximately(stats.LoadBalanceEfficiency, 1e-12);
            var single = rows.Single(x => x.Layer < 0 && x.Pes == 1 && x.FifoDepth == r.FifoDepth);
            r.Speedup.Should().BeApproximately((double)single.Cycles / r.Cycles, 1e-12);
            r.IdealSpeedup.Should().Be(r.Pes);
            var layers = rows.Where(x => x.Layer >= 0 && x.Pes == r.Pes && x.FifoDepth == r.FifoDepth);
            r.EnergyPj.Should().BeApproximately(layers.Sum(x => x.EnergyPj), 1e-6);
        }
    }

    [Fact]
    public void Should_record_the_error_and_go_on_When_a_point_does_not_fit()
    {
        var model = Images.Random(4, [300, 40], 0.2);
        var small = Images.Small(1); // 1 PE: 300 inputs exceed the 256-deep activation buffer
        var rows = SweepRunner.Run(
            model, small, [1, 2], [2], [], SimHarness.Input(300, 0.5, 1), 8, EnergyTable.Default(), "m.cz");
        rows.Where(r => r.Pes == 1).Should().ContainSingle().Which.Error.Should().Contain("activation");
        rows.Where(r => r.Pes == 2 && r.Layer < 0).Should().ContainSingle()
            .Which.Speedup.Should().Be(1, "the smallest PE count that ran is the base");
    }

    [Fact]
    public void Should_sweep_every_combination_When_fields_are_given()
    {
        var model = Images.Random(5, [64, 32], 0.3);
        var fields = new[] { SweepField.Parse("word_bits=32,64"), SweepField.Parse("clock_mhz=400") };
        var rows = SweepRunner.Run(
            model, Base, [2], [4], fields, SimHarness.Input(64, 0.5, 2), 8, EnergyTable.Default(), "m.cz");
        rows.Where(r => r.Layer < 0).Select(r => r.FieldKey)
            .Should().Equal("word_bits=32,clock_mhz=400", "word_bits=64,clock_mhz=400");
        rows.Where(r => r.Layer < 0).Should().OnlyContain(r => Math.Abs(r.LatencyUs - r.Cycles / 400.0) < 1e-9);
        var csv = SweepWriter.ToCsv(rows, fields).Split('\n');
        csv[0].Should().StartWith("word_bits,clock_mhz,pes,fifo_depth,layer,");
        csv[1].Should().StartWith("32,400,2,4,0,fc1,");
    }

    [Theory]
    [InlineData("pes=1,2", "--pes")]
    [InlineData("word_bit=32", "unknown accelerator field")]
    [InlineData("word_bits", "expected name=v1,v2")]
    public void Should_reject_bad_field_specifications_When_parsed(string text, string message)
    {
        FluentActions.Invoking(() => SweepField.Parse(text))
            .Should().Throw<EiecException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void Should_write_csv_json_and_png_plots_When_the_sweep_command_runs()
    {
        using var tmp = new TempDir();
        CzWriter.Write(Images.Random(6, [96, 48, 12], 0.2, bias: true), tmp.File("m.cz"));
        File.WriteAllText(tmp.File("accel.yaml"),
            "activation_sram_bytes: 4096\nspmat_sram_bytes: 65536\npointer_sram_bytes: 8192\nbias_entries: 1024\n");
        var o = new StringWriter();
        var e = new StringWriter();
        int code = EiecCli.Run(
            ["sweep", tmp.File("m.cz"), "-c", tmp.File("accel.yaml"), "--pes", "1,2,4,8", "--fifo-depth", "1,8",
             "-o", tmp.File("sw")], o, e);
        code.Should().Be(0, e.ToString());
        o.ToString().Should().Contain("[8/8]").And.Contain("Whole network per inference (clock 800 MHz)");
        foreach (var png in new[] { "speedup.png", "speedup_by_depth.png", "load_balance.png" })
            File.ReadAllBytes(Path.Combine(tmp.File("sw"), png)).Take(4)
                .Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
        File.ReadAllLines(Path.Combine(tmp.File("sw"), "sweep.csv")).Should().HaveCount(1 + 4 * 2 * 3);
        File.ReadAllText(Path.Combine(tmp.File("sw"), "sweep.json")).Should().Contain("\"format\": \"eiec-sweep\"");
    }
}
