using Eiec.Contract.Cz;
using Eiec.Contract.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Cli;

public class GenCommandTests
{
    [Fact]
    public void Should_write_identical_files_When_the_seed_is_the_same()
    {
        using var tmp = new TempDir();
        Support.Cli.Run("gen", "--layer", "NT-LSTM", "--seed", "4", "-o", tmp.File("a")).ExitCode.Should().Be(0);
        Support.Cli.Run("gen", "--layer", "NT-LSTM", "--seed", "4", "-o", tmp.File("b")).ExitCode.Should().Be(0);
        File.ReadAllBytes(tmp.File("a/NT-LSTM.cz")).Should().Equal(File.ReadAllBytes(tmp.File("b/NT-LSTM.cz")));
        File.ReadAllBytes(tmp.File("a/NT-LSTM.input.npy"))
            .Should().Equal(File.ReadAllBytes(tmp.File("b/NT-LSTM.input.npy")));
    }

    [Fact]
    public void Should_match_the_table_shape_and_densities_When_generating_a_benchmark_layer()
    {
        using var tmp = new TempDir();
        Support.Cli.Run("gen", "--layer", "Alex-8", "-o", tmp.Path).ExitCode.Should().Be(0);
        var model = CzReader.Read(tmp.File("Alex-8.cz"));
        var layer = model.Layers.Should().ContainSingle().Subject;
        (layer.Inputs, layer.Outputs).Should().Be((4096, 1000));
        layer.NonZeros.Should().Be((int)Math.Round(0.25 * 4096 * 1000));
        layer.Codes.Should().OnlyContain(c => c >= 1 && c <= 15);
        var input = NpyReader.Read(tmp.File("Alex-8.input.npy")).ToFloat32();
        input.Should().HaveCount(4096);
        input.Count(x => x != 0).Should().Be((int)Math.Round(0.375 * 4096));
    }

    [Fact]
    public void Should_list_known_layers_When_the_name_is_unknown()
    {
        using var tmp = new TempDir();
        var r = Support.Cli.Run("gen", "--layer", "ResNet-1", "-o", tmp.Path);
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().Contain("no such benchmark layer").And.Contain("VGG-6");
    }
}
