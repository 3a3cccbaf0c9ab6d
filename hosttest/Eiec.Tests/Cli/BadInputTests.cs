using Eiec.Contract.Cz;
using Eiec.Contract.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Cli;

/// <summary>Bad input gets one line naming what is wrong and a non-zero exit code, never a stack trace.</summary>
public class BadInputTests
{
    private static void ShouldFailWithOneLine(Support.Cli.Result r, string fragment)
    {
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().StartWith("eiec: error: ").And.Contain(fragment);
        r.Stderr.TrimEnd().Split('\n').Should().HaveCount(1, r.Stderr);
    }

    private static string BuildImage(TempDir tmp, string name = "img")
    {
        CzWriter.Write(Images.Random(4, [40, 24, 10], 0.3, bias: true), tmp.File("m.cz"));
        Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "4", "-o", tmp.File(name)).ExitCode.Should().Be(0);
        NpyWriter.WriteFile(tmp.File("x.npy"),
            NpyArray.FromFloat32(Enumerable.Range(0, 40).Select(i => i % 3 * 0.5f).ToArray()));
        return tmp.File(name);
    }

    [Fact]
    public void Should_name_the_file_When_a_PE_memory_file_is_truncated()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        var file = Path.Combine(img, "mem/pe002_spmat.hex");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^5]);
        ShouldFailWithOneLine(Support.Cli.Run("run", img, "--input", tmp.File("x.npy")), "pe002_spmat.hex");
        ShouldFailWithOneLine(Support.Cli.Run("sim", img, "--input", tmp.File("x.npy")), "pe002_spmat.hex");
    }

    [Fact]
    public void Should_name_the_PE_and_layer_When_a_pointer_is_corrupt()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        var file = Path.Combine(img, "mem/pe003_ptr_odd.hex");
        var lines = File.ReadAllLines(file);
        lines[0] = "ffff";
        File.WriteAllLines(file, lines);
        ShouldFailWithOneLine(Support.Cli.Run("run", img, "--input", tmp.File("x.npy")),
            "PE 3, layer 0 ('fc1'): column 0 pointers");
        ShouldFailWithOneLine(Support.Cli.Run("sim", img, "--input", tmp.File("x.npy")),
            "PE 3, layer 0 ('fc1'): column 0 pointers");
    }

    [Fact]
    public void Should_reject_an_edited_manifest_When_it_contradicts_its_configuration()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        var manifest = Path.Combine(img, "image.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"pes\": 4", "\"pes\": 2"));
        ShouldFailWithOneLine(Support.Cli.Run("run", img, "--input", tmp.File("x.npy")),
            "image.json: layer 0 ('fc1'): groups = 10, expected 20");
    }

    [Fact]
    public void Should_refuse_to_rebuild_When_the_image_directory_holds_user_files()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        File.WriteAllText(Path.Combine(img, "input.hex"), "0001\n");
        ShouldFailWithOneLine(Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "4", "-o", img),
            "input.hex, which eiec did not write");
        File.Exists(Path.Combine(img, "input.hex")).Should().BeTrue();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("")]
    public void Should_refuse_unusable_output_paths(string output)
    {
        using var tmp = new TempDir();
        CzWriter.Write(Images.Random(4, [40, 10], 0.3), tmp.File("m.cz"));
        var r = Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "4", "-o", output);
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().StartWith("eiec: error: ");
    }

    [Fact]
    public void Should_reject_an_empty_batch_and_a_mismatched_reference()
    {
        using var tmp = new TempDir();
        var img = BuildImage(tmp);
        NpyWriter.WriteFile(tmp.File("empty.npy"), NpyArray.FromFloat32([], [0, 40]));
        ShouldFailWithOneLine(Support.Cli.Run("run", img, "--input", tmp.File("empty.npy")),
            "the input batch is empty");
        CzWriter.Write(Images.Random(4, [40, 12, 10], 0.3), tmp.File("other.cz"));
        ShouldFailWithOneLine(
            Support.Cli.Run("run", img, "--input", tmp.File("x.npy"), "--reference", tmp.File("other.cz")),
            "other.cz: layer 0 ('fc1') is 40 → 12 but the image's layer 0 is 40 → 24");
    }

    [Fact]
    public void Should_print_one_line_When_the_command_line_is_wrong()
    {
        ShouldFailWithOneLine(Support.Cli.Run("build", "--pes", "many"), "--help");
        ShouldFailWithOneLine(Support.Cli.Run("frobnicate"), "eiec --help");
    }

    [Fact]
    public void Should_validate_gen_options_before_writing_anything()
    {
        using var tmp = new TempDir();
        ShouldFailWithOneLine(Support.Cli.Run("gen", "--dims", "10,5", "--density", "2", "-o", tmp.File("out")),
            "--density 2: must be in (0, 1]");
        ShouldFailWithOneLine(Support.Cli.Run("gen", "--dims", "1,99999999999", "-o", tmp.File("out")),
            "--dims '1,99999999999'");
        ShouldFailWithOneLine(
            Support.Cli.Run("gen", "--dims", "100000,100000", "--density", "1", "-o", tmp.File("out")),
            "would keep more than");
        ShouldFailWithOneLine(Support.Cli.Run("gen", "--layer", "nope", "-o", tmp.File("out")),
            "no such benchmark layer");
        Directory.Exists(tmp.File("out")).Should().BeFalse();
    }
}
