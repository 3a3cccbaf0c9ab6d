using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;
using Eiec.FrontEnd.Gen;
using Eiec.FrontEnd.Import;
using Eiec.Tests.Support;

namespace Eiec.Tests.Cli;

/// <summary>Issue 11: npz layers in the archive's order, ambiguous names, one codebook-size rule.</summary>
public class ImportOrderTests
{
    private static KeyValuePair<string, NpyArray> Weight(string name, int outputs, int inputs) =>
        new($"{name}.weight", NpyArray.FromFloat32(
            Enumerable.Range(0, outputs * inputs).Select(i => (i % 7 - 3) * 0.1f).ToArray(), [outputs, inputs]));

    private static DenseModel Import(TempDir tmp, params KeyValuePair<string, NpyArray>[] arrays)
    {
        NpzWriter.Write(tmp.File("m.npz"), arrays);
        return NpzDenseImporter.Read(tmp.File("m.npz"));
    }

    [Fact]
    public void Should_take_layers_in_the_archive_order_When_names_do_not_sort_in_execution_order()
    {
        using var tmp = new TempDir();
        var model = Import(tmp, Weight("input_proj", 6, 8), Weight("mlp_b", 6, 6), Weight("mlp_a", 6, 6),
            Weight("output", 3, 6));
        model.Layers.Select(l => l.Name).Should().Equal("input_proj", "mlp_b", "mlp_a", "output");

        var chained = Import(tmp, Weight("encoder", 4, 8), Weight("bottleneck", 2, 4), Weight("classifier", 3, 2));
        chained.Layers.Select(l => (l.Name, l.Inputs, l.Outputs)).Should().Equal(
            ("encoder", 8, 4), ("bottleneck", 4, 2), ("classifier", 2, 3));
    }

    [Fact]
    public void Should_name_both_layers_and_the_order_When_the_archive_order_does_not_chain()
    {
        using var tmp = new TempDir();
        var act = () => Import(tmp, Weight("bottleneck", 2, 4), Weight("encoder", 4, 8), Weight("classifier", 3, 2));
        act.Should().Throw<EiecException>().WithMessage(
            "*m.npz: layer 'encoder' has 8 inputs but the previous layer 'bottleneck' has 2 outputs; " +
            "layers are taken in the archive's order (bottleneck, encoder, classifier)*state_dict*");
    }

    [Fact]
    public void Should_refuse_two_arrays_for_one_weight()
    {
        using var tmp = new TempDir();
        var act = () => Import(tmp, Weight("fc0", 4, 8), new("fc0.weight:0", Weight("x", 4, 8).Value));
        act.Should().Throw<EiecException>().WithMessage(
            "*m.npz: arrays 'fc0.weight' and 'fc0.weight:0' both give layer 'fc0' its weight*");
    }

    [Fact]
    public void Should_accept_a_32_entry_codebook_in_every_command_When_code_bits_is_5()
    {
        using var tmp = new TempDir();
        var model = RandomModel.Create(
            new RandomModelSpec { Dims = [40, 12], WeightDensity = [0.5], CodebookSize = 32 });
        model.Layers[0].Codebook.Length.Should().Be(32);
        CzWriter.Write(model, tmp.File("m.cz"), maxCodebookEntries: 32);
        File.WriteAllText(tmp.File("a.yaml"), "pes: 4\ncode_bits: 5\nindex_bits: 3\n");
        NpyWriter.WriteFile(tmp.File("x.npy"),
            NpyArray.FromFloat32(Enumerable.Range(0, 40).Select(i => i % 4 * 0.25f).ToArray()));

        var build = Support.Cli.Run("build", tmp.File("m.cz"), "-c", tmp.File("a.yaml"), "-o", tmp.File("img"));
        build.ExitCode.Should().Be(0, build.Stderr);
        var run = Support.Cli.Run(
            "run", tmp.File("img"), "--input", tmp.File("x.npy"), "--reference", tmp.File("m.cz"));
        run.ExitCode.Should().Be(0, run.Stderr);
        var sweep = Support.Cli.Run("sweep", tmp.File("m.cz"), "-c", tmp.File("a.yaml"), "--pes", "2,4",
            "--fifo-depth", "4", "-o", tmp.File("sw"));
        sweep.ExitCode.Should().Be(0, sweep.Stderr);
        // eval reads the model for the image's configuration (and compiles it for -c without one).
        NpzWriter.Write(tmp.File("dense.npz"), [new("fc1.weight", NpyArray.FromFloat32(new float[12 * 40], [12, 40]))]);
        NpzWriter.Write(tmp.File("data.npz"), [new("x", NpyArray.FromFloat32(new float[2 * 40], [2, 40])),
            new("y", NpyArray.FromUInt8([0, 1]))]);
        var eval = Support.Cli.Run("eval", "--data", tmp.File("data.npz"), tmp.File("dense.npz"), tmp.File("m.cz"),
            tmp.File("img"));
        eval.ExitCode.Should().Be(0, eval.Stderr);
        var evalConfig = Support.Cli.Run("eval", "--data", tmp.File("data.npz"), tmp.File("dense.npz"),
            tmp.File("m.cz"), "-c", tmp.File("a.yaml"));
        evalConfig.ExitCode.Should().Be(0, evalConfig.Stderr);

        // And with the default 4 code bits, every command refuses it the same way.
        Support.Cli.Run("build", tmp.File("m.cz"), "--pes", "4", "-o", tmp.File("img16")).Stderr.Should()
            .Contain("codebook");
        Support.Cli.Run("sweep", tmp.File("m.cz"), "--pes", "4", "--fifo-depth", "4", "-o", tmp.File("sw16"))
            .Stderr.Should().Contain("codebook");
        Support.Cli.Run("eval", "--data", tmp.File("data.npz"), tmp.File("dense.npz"), tmp.File("m.cz"))
            .Stderr.Should().Contain("codebook");
    }
}
