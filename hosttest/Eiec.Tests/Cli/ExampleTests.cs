using Eiec.Tests.Support;

namespace Eiec.Tests.Cli;

/// <summary>Every bundled example model is built and run (an example without a test rots).</summary>
public class ExampleTests
{
    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (var cz in Directory.GetFiles(
                     Path.Combine(RepoPaths.Root, "examples"), "*.cz", SearchOption.AllDirectories).Order())
            data.Add(Path.GetRelativePath(RepoPaths.Root, cz));
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Should_build_and_run_When_a_bundled_example_is_compiled(string model)
    {
        using var tmp = new TempDir();
        var cz = Path.Combine(RepoPaths.Root, model);
        var build = Support.Cli.Run(
            "build", cz, "-c", Path.Combine(RepoPaths.Root, "examples/accel.yaml"), "-o", tmp.File("out"));
        build.ExitCode.Should().Be(0, build.Stderr);
        var input = Directory.GetFiles(Path.GetDirectoryName(cz)!, "*.npy").Order()
            .FirstOrDefault(f => f.Contains("input"));
        input.Should().NotBeNull($"example {model} ships an input .npy");
        var run = Support.Cli.Run("run", tmp.File("out"), "--input", input!, "--reference", cz);
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("largest |golden − reference|");
    }

    [Fact]
    public void Should_find_the_bundled_examples()
    {
        Models().Should().NotBeEmpty();
    }
}
