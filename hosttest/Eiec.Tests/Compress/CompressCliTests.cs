using Eiec.Cli;
using Eiec.Contract.Cz;
using Eiec.Tests.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Compress;

[Collection(DenseFixtureCollection.Name)]
public sealed class CompressCliTests(DenseFixture fixture)
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = EiecCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("gemm.onnx")]
    [InlineData("keras_mlp.npz")]
    public void Should_write_a_valid_cz_and_report_When_compressing_from_the_command_line(string file)
    {
        using var dir = new TempDir();
        string yaml = dir.File("prune.yaml");
        File.WriteAllText(yaml, file.EndsWith(".onnx") ? "density: 0.2\nlayers:\n  fc2: 0.5\n" :
            "density: 0.2\nlayers:\n  dense_2: 0.5\n");

        var (code, output, error) = Run("compress", fixture.File(file), "-o", dir.File("m.cz"), "--config", yaml,
            "--codebook-bits", "3", "--report", dir.File("report.md"));

        error.Should().BeEmpty();
        code.Should().Be(0);
        output.Should().Contain("weights kept");
        var model = CzReader.Read(dir.File("m.cz"));
        model.Layers.Select(l => l.NonZeros).Should().Equal(64, 51, 40);
        model.Layers.Should().OnlyContain(l => l.Codebook.Length <= 8 && l.Codebook[0] == 0f);
        File.ReadAllText(dir.File("report.md")).Should().Contain("# Compression report");
        Directory.GetFiles(dir.Path).Select(Path.GetFileName).Should()
            .BeEquivalentTo("prune.yaml", "m.cz", "report.md");
    }

    [Fact]
    public void Should_print_one_error_line_and_write_nothing_When_the_model_has_an_unsupported_operator()
    {
        using var dir = new TempDir();

        var (code, _, error) = Run("compress", fixture.File("bad_op.onnx"), "-o", dir.File("m.cz"));

        code.Should().Be(1);
        error.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("eiec: error: ")
            .And.Contain("Sigmoid");
        Directory.GetFiles(dir.Path).Should().BeEmpty();
    }

    [Fact]
    public void Should_name_the_file_and_layer_When_the_prune_config_lists_an_unknown_layer()
    {
        using var dir = new TempDir();
        string yaml = dir.File("prune.yaml");
        File.WriteAllText(yaml, "layers:\n  fc7: 0.1\n");

        var (code, _, error) = Run("compress", fixture.File("torch_mlp.npz"), "-o", dir.File("m.cz"), "--config", yaml);

        code.Should().Be(1);
        error.Should().Contain(yaml).And.Contain("fc7").And.Contain("fc0, fc1, fc2");
    }

    [Fact]
    public void Should_retrain_and_evaluate_When_data_is_given()
    {
        using var dir = new TempDir();
        var data = dir.File("data.npz");
        // 20 features to match the fixture MLP; labels 0..4.
        var rng = new Eiec.FrontEnd.Training.SeededRandom(3);
        var x = Enumerable.Range(0, 200 * 20).Select(_ => (float)rng.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 200).Select(n => (long)(n % 5)).ToArray();
        Eiec.Contract.Npy.NpzWriter.Write(data, [
            new("x", Eiec.Contract.Npy.NpyArray.FromFloat32(x, [200, 20])),
            new("y", Eiec.Contract.Npy.NpyArray.FromInt64(y)),
        ]);

        var (code, output, error) = Run("compress", fixture.File("torch_mlp.npz"), "-o", dir.File("m.cz"),
            "--density", "0.5",
            "--data", data, "--prune-epochs", "1", "--share-epochs", "1", "--seed", "3");
        error.Should().BeEmpty();
        code.Should().Be(0);
        output.Should().Contain("prune-retrain").And.Contain("centroid-tune");

        var (evalCode, evalOut, evalErr) = Run("eval", "--data", data, fixture.File("torch_mlp.npz"), dir.File("m.cz"),
            "--pes", "4");
        evalErr.Should().BeEmpty();
        evalCode.Should().Be(0);
        evalOut.Should().Contain("dense float32").And.Contain("compressed float").And.Contain("golden");
    }
}
