using System.Buffers.Binary;
using Eiec.Tests.Support;

namespace Eiec.Tests.Sim;

/// <summary><c>eiec sim --plot</c>: the per-PE timeline as a PNG, written atomically, deterministic.</summary>
public sealed class TimelinePlotTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Should_write_a_1200_by_700_png_with_the_same_bytes_every_time_When_sim_gets_plot()
    {
        using var tmp = new TempDir();
        SimHarness.Image(tmp, Images.Random(5, [80, 40, 10], 0.3), Images.Small(4, 2));
        var (code, stdout, stderr) = Support.Cli.Run("sim", tmp.File("img"), "--plot", tmp.File("a.png"));
        code.Should().Be(0, stderr);
        stdout.Should().Contain($"timeline plot: {tmp.File("a.png")}");
        var png = File.ReadAllBytes(tmp.File("a.png"));
        png.Take(8).Should().Equal(PngSignature);
        // IHDR follows the signature: length (4), "IHDR" (4), width and height (big-endian).
        System.Text.Encoding.ASCII.GetString(png, 12, 4).Should().Be("IHDR");
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)).Should().Be(1200);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)).Should().Be(700);

        (code, _, stderr) = Support.Cli.Run("sim", tmp.File("img"), "--plot", tmp.File("b.png"));
        code.Should().Be(0, stderr);
        File.ReadAllBytes(tmp.File("b.png")).Should().Equal(png, "the same image and input draw the same bytes");
        Directory.GetFiles(tmp.Path, "*png*").Select(Path.GetFileName).Should().BeEquivalentTo(["a.png", "b.png"],
            "no temporary file is left behind");
    }

    [Fact]
    public void Should_fail_with_one_line_and_write_nothing_When_the_plot_directory_does_not_exist()
    {
        using var tmp = new TempDir();
        SimHarness.Image(tmp, Images.Random(6, [16, 8], 0.5), Images.Small(2));
        string bad = Path.Combine(tmp.Path, "missing", "t.png");
        var (code, stdout, stderr) =
            Support.Cli.Run("sim", tmp.File("img"), "--plot", bad, "--json", tmp.File("r.json"));
        code.Should().NotBe(0);
        stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("missing");
        stderr.Should().NotContain("   at ");
        stdout.Should().NotContain("timeline plot");
        File.Exists(tmp.File("r.json")).Should().BeFalse("all outputs or none");
    }
}
