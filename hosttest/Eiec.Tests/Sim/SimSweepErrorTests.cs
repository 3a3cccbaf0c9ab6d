using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;
using Eiec.Sim;
using Eiec.Tests.Support;

namespace Eiec.Tests.Sim;

/// <summary>Bad input to sim and sweep: one error line, exit 1, nothing written, earlier outputs intact.</summary>
public class SimSweepErrorTests
{
    private static void ShouldFailWithOneLine(Support.Cli.Result result, params string[] mentions)
    {
        result.ExitCode.Should().Be(1, result.Stderr);
        result.Stderr.Should().StartWith("eiec: error: ");
        result.Stderr.TrimEnd().Split('\n').Should().HaveCount(1, result.Stderr);
        foreach (var m in mentions) result.Stderr.Should().Contain(m);
    }

    private static void Image(TempDir tmp) => SimHarness.Image(tmp, Images.Random(11, [30, 12], 0.3), Images.Small(2));

    [Fact]
    public void Should_fail_with_one_line_naming_the_path_When_the_json_directory_does_not_exist()
    {
        using var tmp = new TempDir();
        Image(tmp);
        var json = Path.Combine(tmp.File("nonexist"), "x.json");
        var r = Support.Cli.Run("sim", tmp.File("img"), "--json", json);
        ShouldFailWithOneLine(r, json, "does not exist");
        r.Stdout.Should().NotContain("Cycles and throughput", "the path is checked before simulating");
    }

    [Fact]
    public void Should_write_neither_output_When_the_npy_directory_does_not_exist()
    {
        using var tmp = new TempDir();
        Image(tmp);
        var y = Path.Combine(tmp.File("bad"), "y.npy");
        ShouldFailWithOneLine(Support.Cli.Run("sim", tmp.File("img"), "--json", tmp.File("ok.json"), "-o", y), y);
        Directory.GetFiles(tmp.Path).Should().BeEmpty();
    }

    [Fact]
    public void Should_write_nothing_When_repeat_is_negative()
    {
        using var tmp = new TempDir();
        Image(tmp);
        var r = Support.Cli.Run(
            "sim", tmp.File("img"), "--json", tmp.File("r.json"), "-o", tmp.File("y.npy"), "--repeat", "-1");
        ShouldFailWithOneLine(r, "--repeat -1");
        Directory.GetFiles(tmp.Path).Should().BeEmpty();
    }

    [Fact]
    public void Should_keep_the_earlier_outputs_When_a_later_run_fails()
    {
        using var tmp = new TempDir();
        Image(tmp);
        Support.Cli.Run("sim", tmp.File("img"), "--json", tmp.File("r.json"), "-o", tmp.File("y.npy"))
            .ExitCode.Should().Be(0);
        var json = File.ReadAllBytes(tmp.File("r.json"));
        var npy = File.ReadAllBytes(tmp.File("y.npy"));
        var failed = Support.Cli.Run(
            "sim", tmp.File("img"), "--json", tmp.File("r.json"), "-o", tmp.File("img"), "--clock-mhz", "100");
        ShouldFailWithOneLine(failed, tmp.File("img"), "is a directory");
        File.ReadAllBytes(tmp.File("r.json")).Should().Equal(json);
        File.ReadAllBytes(tmp.File("y.npy")).Should().Equal(npy);
        Directory.GetFiles(tmp.Path).Select(Path.GetFileName).Should().BeEquivalentTo("r.json", "y.npy");
    }

    [Fact]
    public void Should_fail_naming_the_file_When_the_sim_input_batch_is_empty()
    {
        using var tmp = new TempDir();
        Image(tmp);
        NpyWriter.WriteFile(tmp.File("x.npy"), NpyArray.FromFloat32([], [0, 30]));
        var r = Support.Cli.Run("sim", tmp.File("img"), "-i", tmp.File("x.npy"), "-o", tmp.File("y.npy"));
        ShouldFailWithOneLine(r, tmp.File("x.npy"), "the input batch is empty");
        File.Exists(tmp.File("y.npy")).Should().BeFalse();
    }

    [Fact]
    public void Should_equal_one_run_per_input_When_inputs_run_as_a_batch()
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(12, [40, 20, 10], 0.3, bias: true), Images.Small(4));
        var inputs = Enumerable.Range(0, 6).Select(s => SimHarness.Input(40, 0.5, s)).ToList();
        var simulator = new Simulator(image);
        var batch = simulator.RunBatch(inputs).Results;
        for (int k = 0; k < inputs.Count; k++)
        {
            var single = simulator.Run(inputs[k]);
            for (int l = 0; l < single.LayerOutputs.Length; l++)
                batch[k].LayerOutputs[l].Should().Equal(single.LayerOutputs[l]);
            batch[k].Stats.Cycles.Should().Be(single.Stats.Cycles);
        }
    }

    [Fact]
    public void Should_leave_no_temporary_file_When_the_content_writer_throws()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.File("a.txt"), "good");
        var act = () => AtomicFile.Write(tmp.File("a.txt"), "text", _ => throw new EiecException("boom"));
        act.Should().Throw<EiecException>().WithMessage("boom");
        Directory.GetFiles(tmp.Path).Select(Path.GetFileName).Should().Equal("a.txt");
        File.ReadAllText(tmp.File("a.txt")).Should().Be("good");
    }

    [Fact]
    public void Should_write_no_file_When_a_staged_set_is_not_committed()
    {
        using var tmp = new TempDir();
        var act = () =>
        {
            using var staged = new StagedFiles();
            staged.AddText(tmp.File("a.txt"), "text", "a");
            staged.AddText(Path.Combine(tmp.File("missing"), "b.txt"), "text", "b");
            staged.Commit();
        };
        act.Should().Throw<EiecException>().WithMessage("*missing*does not exist*");
        Directory.GetFileSystemEntries(tmp.Path).Should().BeEmpty();
    }

    private static string SweepModel(TempDir tmp)
    {
        CzWriter.Write(Images.Random(13, [48, 16], 0.3), tmp.File("m.cz"));
        return tmp.File("m.cz");
    }

    [Theory]
    [InlineData("--pes", "1000", "--pes 1000")]
    [InlineData("--act-frac", "20", "--act-frac 20")]
    [InlineData("--field", "word_bits=abc", "word_bits=abc")]
    [InlineData("--field", "clock_mhz=-1", "clock_mhz=-1")]
    [InlineData("--fifo-depth", "8,999", "--fifo-depth 999")]
    public void Should_fail_up_front_with_one_line_When_a_sweep_value_is_invalid(
        string option, string value, string mention)
    {
        using var tmp = new TempDir();
        string[] pes = option == "--pes" ? [] : ["--pes", "1,2"];
        var r = Support.Cli.Run(["sweep", SweepModel(tmp), .. pes, option, value, "-o", tmp.File("sw")]);
        ShouldFailWithOneLine(r, mention);
        r.Stdout.Should().NotContain("[1/", "nothing is simulated");
        Directory.Exists(tmp.File("sw")).Should().BeFalse();
    }

    [Fact]
    public void Should_fail_with_one_line_and_keep_the_file_When_the_sweep_output_is_a_file()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.File("out"), "keep");
        var r = Support.Cli.Run("sweep", SweepModel(tmp), "--pes", "1", "-o", tmp.File("out"));
        ShouldFailWithOneLine(r, tmp.File("out"), "is a file");
        File.ReadAllText(tmp.File("out")).Should().Be("keep");
    }

    [Fact]
    public void Should_fail_naming_the_file_When_the_sweep_input_batch_is_empty()
    {
        using var tmp = new TempDir();
        NpyWriter.WriteFile(tmp.File("x.npy"), NpyArray.FromFloat32([], [0, 48]));
        var r = Support.Cli.Run("sweep", SweepModel(tmp), "--pes", "1", "-i", tmp.File("x.npy"), "-o", tmp.File("sw"));
        ShouldFailWithOneLine(r, tmp.File("x.npy"), "the input batch is empty");
        Directory.Exists(tmp.File("sw")).Should().BeFalse();
    }

    [Fact]
    public void Should_fail_and_write_nothing_When_no_sweep_point_fits()
    {
        using var tmp = new TempDir();
        CzWriter.Write(Images.Random(14, [300, 40], 0.2), tmp.File("m.cz"));
        File.WriteAllText(tmp.File("accel.yaml"), "activation_sram_bytes: 1024\n"); // 256 deep: 300 inputs need 2 PEs
        var r = Support.Cli.Run(
            "sweep", tmp.File("m.cz"), "-c", tmp.File("accel.yaml"), "--pes", "1", "--fifo-depth", "2,4",
            "-o", tmp.File("sw"));
        ShouldFailWithOneLine(r, "no sweep point ran", "1 PEs");
        Directory.Exists(tmp.File("sw")).Should().BeFalse();
    }
}
