using Eiec.Contract.Cz;
using Eiec.Contract.Image;
using Eiec.Tests.Support;

namespace Eiec.Tests.Cli;

public class BuildCommandTests
{
    [Fact]
    public void Should_print_one_line_and_exit_non_zero_When_the_model_is_corrupt()
    {
        using var tmp = new TempDir();
        File.WriteAllBytes(tmp.File("bad.cz"), [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
        var r = Support.Cli.Run("build", tmp.File("bad.cz"), "--pes", "4", "-o", tmp.File("out"));
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().StartWith("eiec: error: ").And.Contain("bad.cz");
        r.Stderr.TrimEnd().Split('\n').Should().HaveCount(1, "one clear message, no stack trace");
        Directory.Exists(tmp.File("out")).Should().BeFalse();
        Directory.GetFileSystemEntries(tmp.Path)
            .Should().Equal([tmp.File("bad.cz")], "no staging directory left behind");
    }

    [Fact]
    public void Should_leave_the_earlier_build_untouched_When_a_rebuild_fails()
    {
        using var tmp = new TempDir();
        CzWriter.Write(Images.Random(3, [40, 30, 10], 0.2), tmp.File("good.cz"));
        CzWriter.Write(Images.Random(3, [40, 3000], 0.2), tmp.File("big.cz"));
        Support.Cli.Run("build", tmp.File("good.cz"), "--pes", "4", "-o", tmp.File("out")).ExitCode.Should().Be(0);
        var before = Snapshot(tmp.File("out"));
        var r = Support.Cli.Run("build", tmp.File("big.cz"), "--pes", "4", "-o", tmp.File("out"));
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().Contain("big.cz: layer 'fc1' (index 0)");
        Snapshot(tmp.File("out")).Should().BeEquivalentTo(before);
    }

    [Fact]
    public void Should_write_byte_identical_outputs_When_built_twice_into_different_directories()
    {
        using var tmp = new TempDir();
        CzWriter.Write(Images.Random(9, [50, 40, 12], 0.25, bias: true), tmp.File("m.cz"));
        Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "3", "-o", tmp.File("a")).ExitCode.Should().Be(0);
        Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "3", "-o", tmp.File("b")).ExitCode.Should().Be(0);
        var a = Snapshot(tmp.File("a"));
        a.Keys.Should().Contain([ImageFiles.Manifest, ImageFiles.ReportMarkdown, ImageFiles.ReportJson]);
        a.Keys.Should().Contain(k => k.StartsWith("rtl/"));
        Snapshot(tmp.File("b")).Should().BeEquivalentTo(a);
    }

    [Fact]
    public void Should_name_the_file_When_the_accelerator_config_has_an_unknown_key()
    {
        using var tmp = new TempDir();
        CzWriter.Write(Images.Random(3, [40, 30], 0.2), tmp.File("m.cz"));
        File.WriteAllText(tmp.File("accel.yaml"), "pes: 4\nfifo_deph: 2\n");
        var r = Support.Cli.Run("build", tmp.File("m.cz"), "-c", tmp.File("accel.yaml"), "-o", tmp.File("out"));
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().Contain("accel.yaml: unknown accelerator config key(s) 'fifo_deph'");
    }

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(
                f => Path.GetRelativePath(dir, f).Replace('\\', '/'),
                f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
