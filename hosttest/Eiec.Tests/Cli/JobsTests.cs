using Eiec.Contract.Cz;
using Eiec.Contract.Npy;
using Eiec.Golden;
using Eiec.Tests.Sim;
using Eiec.Tests.Support;

namespace Eiec.Tests.Cli;

/// <summary>
/// <c>--jobs</c>: batches, simulations and sweeps use several cores and write the same bytes whatever
/// the number; long batches report progress on standard error when output is redirected.
/// </summary>
public sealed class JobsTests
{
    private static Support.Cli.Result Cli(params string[] args) => Support.Cli.Run(args);

    private static string[] Batch(TempDir tmp, int vectors)
    {
        var x = Enumerable.Range(0, vectors).SelectMany(v => SimHarness.Input(24, 0.5, v)).ToArray();
        NpyWriter.WriteFile(tmp.File("x.npy"), NpyArray.FromInt16(x, [vectors, 24]));
        return [tmp.File("img"), "-i", tmp.File("x.npy")];
    }

    [Fact]
    public void Should_write_identical_reports_and_outputs_and_show_progress_When_sim_runs_on_one_or_two_jobs()
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(3, [24, 16, 6], 0.3, bias: true), Images.Small(3, 2));
        var args = Batch(tmp, 1200);
        var one = Cli(["sim", .. args, "-j", "1", "--json", tmp.File("r1.json"), "-o", tmp.File("y1.npy"), "--raw"]);
        var two = Cli(
            ["sim", .. args, "--jobs", "2", "--json", tmp.File("r2.json"), "-o", tmp.File("y2.npy"), "--raw"]);
        one.ExitCode.Should().Be(0, one.Stderr);
        two.ExitCode.Should().Be(0, two.Stderr);
        File.ReadAllBytes(tmp.File("r2.json")).Should().Equal(File.ReadAllBytes(tmp.File("r1.json")));
        File.ReadAllBytes(tmp.File("y2.npy")).Should().Equal(File.ReadAllBytes(tmp.File("y1.npy")));
        var x = NpyReader.Read(tmp.File("x.npy")).ToInt16();
        NpyReader.Read(tmp.File("y2.npy")).ToInt16().Take(6)
            .Should().Equal(GoldenModel.Run(image, x.Take(24).ToArray()).Output, "vector 0 is the golden model's");
        // Redirected output: one line per tenth of the batch on stderr, the report alone on stdout.
        var lines = two.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(10).And.Contain("simulated 1,200/1,200 vectors");
        two.Stdout.Should().NotContain("vectors\n").And.Contain("per inference over 1200");
    }

    [Fact]
    public void Should_write_identical_outputs_When_run_uses_one_or_two_jobs()
    {
        using var tmp = new TempDir();
        SimHarness.Image(tmp, Images.Random(4, [24, 12, 5], 0.4, bias: true), Images.Small(4));
        var args = Batch(tmp, 1000);
        var one = Cli(["run", .. args, "-j", "1", "-o", tmp.File("y1.npy")]);
        var two = Cli(["run", .. args, "-j", "2", "-o", tmp.File("y2.npy")]);
        one.ExitCode.Should().Be(0, one.Stderr);
        two.ExitCode.Should().Be(0, two.Stderr);
        File.ReadAllBytes(tmp.File("y2.npy")).Should().Equal(File.ReadAllBytes(tmp.File("y1.npy")));
        two.Stdout.Should().Be(one.Stdout);
        two.Stderr.Should().Contain("ran 1,000/1,000 vectors");
    }

    [Fact]
    public void Should_write_the_same_sweep_When_points_run_on_one_or_two_jobs()
    {
        using var tmp = new TempDir();
        CzWriter.Write(Images.Random(6, [64, 32, 10], 0.2, bias: true), tmp.File("m.cz"));
        File.WriteAllText(tmp.File("accel.yaml"),
            "activation_sram_bytes: 4096\nspmat_sram_bytes: 65536\npointer_sram_bytes: 8192\nbias_entries: 1024\n");
        foreach (var (jobs, dir) in new[] { ("1", "s1"), ("2", "s2") })
        {
            var r = Cli("sweep", tmp.File("m.cz"), "-c", tmp.File("accel.yaml"), "--pes", "1,2,4,8,16",
                "--fifo-depth", "1,4", "-j", jobs, "-o", tmp.File(dir));
            r.ExitCode.Should().Be(0, r.Stderr);
            r.Stdout.Should().Contain("[10/10]");
        }
        foreach (var file in new[] { "sweep.csv", "sweep.json", "speedup.png" })
            File.ReadAllBytes(Path.Combine(tmp.File("s2"), file))
                .Should().Equal(File.ReadAllBytes(Path.Combine(tmp.File("s1"), file)), file);
    }

    [Theory]
    [InlineData("sim")]
    [InlineData("run")]
    public void Should_refuse_zero_jobs_with_one_line_When_jobs_is_zero(string command)
    {
        using var tmp = new TempDir();
        SimHarness.Image(tmp, Images.Random(5, [24, 8], 0.3), Images.Small(2));
        var args = Batch(tmp, 2);
        var r = Cli([command, .. args, "-j", "0"]);
        r.ExitCode.Should().NotBe(0);
        r.Stderr.Trim().Should().Contain("--jobs 0: must be at least 1").And.NotContain("\n");
    }
}
