using System.Globalization;
using Eiec.Cli;
using Eiec.Contract.Cz;
using Eiec.Contract.Npy;
using Eiec.FrontEnd.Import;
using Eiec.FrontEnd.Training;
using Eiec.Tests.Support;

namespace Eiec.Tests.Compress;

/// <summary>The issue-13 options end to end on the 20-16-16-5 fixture MLP and 200 synthetic examples (fast).</summary>
[Collection(DenseFixtureCollection.Name)]
public sealed class FrontEndCliTests(DenseFixture fixture)
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = EiecCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Data(TempDir dir)
    {
        var path = dir.File("data.npz");
        var rng = new SeededRandom(3);
        var x = Enumerable.Range(0, 200 * 20).Select(_ => (float)rng.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 200).Select(n => (long)(n % 5)).ToArray();
        NpzWriter.Write(path, [new("x", NpyArray.FromFloat32(x, [200, 20])), new("y", NpyArray.FromInt64(y))]);
        return path;
    }

    [Fact]
    public void Should_keep_the_globally_largest_weights_When_scope_is_global()
    {
        using var dir = new TempDir();
        var dense = DenseModelLoader.Load(fixture.File("torch_mlp.npz"));

        var (code, _, error) = Run("compress", fixture.File("torch_mlp.npz"), "-o", dir.File("m.cz"), "--density",
            "0.25", "--scope", "global");

        error.Should().BeEmpty();
        code.Should().Be(0);
        // Independent expectation: sort every |w| of the 656, keep the top quarter (no ties in this fixture).
        var all = dense.Layers.SelectMany((l, i) => l.Weight.Select(w => (Layer: i, Magnitude: Math.Abs(w)))).ToList();
        int keep = (int)Math.Round(0.25 * all.Count, MidpointRounding.AwayFromZero);
        var expected = all.OrderByDescending(e => e.Magnitude).Take(keep).GroupBy(e => e.Layer).ToDictionary(g => g.Key,
            g => g.Count());
        var model = CzReader.Read(dir.File("m.cz"));
        model.Layers.Select((l, i) => l.NonZeros).Should().Equal(Enumerable.Range(0,
            3).Select(i => expected.GetValueOrDefault(i)));
        model.Layers.Sum(l => l.NonZeros).Should().Be(keep);
    }

    [Fact]
    public void Should_refuse_per_layer_densities_When_scope_is_global()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("prune.yaml"), "layers:\n  fc2: 0.5\n");

        var (code, _, error) = Run("compress", fixture.File("torch_mlp.npz"), "-o", dir.File("m.cz"), "--config",
            dir.File("prune.yaml"), "--scope", "global");

        code.Should().Be(1);
        error.Should().Contain("fc2").And.Contain("global").And.Contain("--scope layer");
        File.Exists(dir.File("m.cz")).Should().BeFalse();
    }

    [Fact]
    public void Should_write_the_pruned_dense_npz_When_codebook_bits_is_zero()
    {
        using var dir = new TempDir();
        var dense = DenseModelLoader.Load(fixture.File("torch_mlp.npz"));

        var (code, _, error) = Run("compress", fixture.File("torch_mlp.npz"), "-o", dir.File("p.npz"), "--density",
            "0.3", "--codebook-bits", "0");

        error.Should().BeEmpty();
        code.Should().Be(0);
        var pruned = DenseModelLoader.Load(dir.File("p.npz"));
        for (int l = 0; l < 3; l++)
        {
            var w = dense.Layers[l].Weight;
            int keep = (int)Math.Round(0.3 * w.Length, MidpointRounding.AwayFromZero);
            float threshold = w.Select(Math.Abs).OrderByDescending(m => m).ElementAt(keep - 1);
            for (int k = 0; k < w.Length; k++)
                pruned.Layers[l].Weight[k].Should().Be(Math.Abs(w[k]) >= threshold ? w[k] : 0f, $"layer {l}, weight "
                    + $"{k}: kept at full precision or 0");
        }
        var (refused, _, why) = Run("compress", fixture.File("torch_mlp.npz"), "-o", dir.File("p.cz"), "--no-share");
        refused.Should().Be(1);
        why.Should().Contain("p.cz").And.Contain(".npz");
    }

    [Fact]
    public void Should_prune_in_steps_and_end_at_the_density_When_prune_steps_is_given()
    {
        using var dir = new TempDir();
        var data = Data(dir);

        var (code, output, error) = Run("compress", fixture.File("torch_mlp.npz"), "-o", dir.File("m.cz"), "--density",
            "0.2",
            "--data", data, "--prune-steps", "3", "--step-epochs", "1", "--prune-epochs", "1", "--share-epochs", "1",
            "--report", dir.File("r.md"));

        error.Should().BeEmpty();
        code.Should().Be(0);
        output.Should().Contain("prune-retrain 1/3").And.Contain("prune-retrain 3/3");
        // 0.2^(1/3) = 58.48 % and 0.2^(2/3) = 34.20 % of each layer (320, 256, 80 weights), rounded per layer:
        // 187 + 150 + 47 = 384 and 109 + 88 + 27 = 224 of 656, then 20 %.
        File.ReadAllText(dir.File("r.md")).Should().Contain("pruning step 1/3 (58.54 % "
            + "kept)").And.Contain("pruning step 2/3 (34.15 % kept)");
        CzReader.Read(dir.File("m.cz")).Layers.Select(l => l.NonZeros).Should().Equal(64, 51, 16);
    }

    [Fact]
    public void Should_write_csv_plots_and_one_cz_per_density_When_sweeping()
    {
        using var dir = new TempDir();
        var data = Data(dir);

        var (code, _, error) = Run("compress", fixture.File("torch_mlp.npz"), "-o", dir.File("sweep"), "--sweep",
            "0.1,0.5",
            "--data", data, "--prune-epochs", "1", "--share-epochs", "0", "--sweep-label", "test curve");

        error.Should().BeEmpty();
        code.Should().Be(0);
        Directory.GetFiles(dir.File("sweep")).Select(Path.GetFileName).Should().BeEquivalentTo(
            "sweep.csv", "accuracy_vs_density.png", "accuracy_vs_ratio.png", "density_10pct.cz", "density_50pct.cz");
        var lines = File.ReadAllLines(dir.File("sweep/sweep.csv"));
        lines.Should().HaveCount(3);
        var row = lines[2].Split(',');
        row[0].Should().Be("test curve");
        row[1].Should().Be("0.5");
        row[2].Should().Be("328", "half of 320 + 256 + 80 weights");
        double.Parse(row[7], CultureInfo.InvariantCulture).Should().BeInRange(0, 1);
    }

    [Fact]
    public void Should_score_the_unpruned_layer_as_the_dense_model_When_running_sensitivity()
    {
        using var dir = new TempDir();
        var data = Data(dir);
        var dense = DenseModelLoader.Load(fixture.File("torch_mlp.npz"));

        var (code, _, error) = Run("sensitivity", fixture.File("torch_mlp.npz"), "--data", data, "-o", dir.File("s"),
            "--densities", "1,0.1");

        error.Should().BeEmpty();
        code.Should().Be(0);
        var lines = File.ReadAllLines(dir.File("s/sensitivity.csv"));
        lines.Should().HaveCount(1 + 3 * 2);
        File.Exists(dir.File("s/sensitivity.png")).Should().BeTrue();
        // Density 1 is the dense model: its accuracy by an independent forward pass.
        var x = NpzReader.Read(data)["x"].ToFloat32();
        int correct = 0;
        for (int n = 0; n < 200; n++)
        {
            var logits = DenseForward.Run(dense, x.AsSpan(n * 20, 20));
            if (Array.IndexOf(logits, logits.Max()) == n % 5) correct++;
        }
        lines[1].Should().Be(string.Create(CultureInfo.InvariantCulture, $"fc0,1,320,{correct / 200.0:F6}"));
        lines[3].Should().StartWith("fc1,1,256,");
    }

    [Fact]
    public void Should_write_onnx_and_refuse_other_extensions_When_exporting()
    {
        using var dir = new TempDir();
        Run("compress", fixture.File("torch_mlp.npz"), "-o", dir.File("m.cz"), "--density", "0.5").Code.Should().Be(0);

        var (code, _, error) = Run("export", dir.File("m.cz"), "-o", dir.File("m.onnx"));
        error.Should().BeEmpty();
        code.Should().Be(0);
        DenseModelLoader.Load(dir.File("m.onnx")).Layers.Select(l => l.Weight.Count(w => w != 0))
            .Should().Equal(CzReader.Read(dir.File("m.cz")).Layers.Select(l => l.NonZeros));

        var (bad, _, why) = Run("export", dir.File("m.cz"), "-o", dir.File("m.pt"));
        bad.Should().Be(1);
        why.Should().Contain("m.pt").And.Contain(".onnx or .npz");
    }

    [Fact]
    public void Should_carry_the_input_normalization_from_train_to_compress_to_build()
    {
        using var dir = new TempDir();
        var data = Data(dir);

        var train = Run("train", "--data", data, "-o", dir.File("d.npz"), "--layers", "20,8,5", "--epochs", "1",
            "--input-mean", "0.5", "--input-std", "0.25");
        train.Err.Should().BeEmpty();
        var compress = Run("compress", dir.File("d.npz"), "-o", dir.File("m.cz"), "--density", "0.5");
        compress.Err.Should().BeEmpty();
        var build = Run("build", dir.File("m.cz"), "-o", dir.File("img"), "--pes", "2");
        build.Err.Should().BeEmpty();

        DenseModelLoader.Load(dir.File("d.npz")).Input.Should().Be(new CzInputNormalization(0.5, 0.25));
        CzReader.Read(dir.File("m.cz")).Input.Should().Be(new CzInputNormalization(0.5, 0.25));
        File.ReadAllText(dir.File("img/image.json")).Should().Contain("\"input_normalization\"")
            .And.Contain("\"std\": 0.25");
    }

    [Fact]
    public void Should_score_the_dense_model_alone_When_eval_gets_no_cz()
    {
        using var dir = new TempDir();
        var data = Data(dir);

        var (code, output, error) = Run("eval", "--data", data, fixture.File("torch_mlp.npz"));

        error.Should().BeEmpty();
        code.Should().Be(0);
        output.Should().Contain("dense float32").And.NotContain("compressed float");
    }
}
