using System.IO.Compression;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Npy;
using Eiec.FrontEnd.Compress;
using Eiec.FrontEnd.Datasets;
using Eiec.FrontEnd.Import;
using Eiec.Tests.Support;

namespace Eiec.Tests.Compress;

/// <summary>Input normalization: stored in the .npz and the .cz, applied to raw data by the loaders.</summary>
[Collection(DenseFixtureCollection.Name)]
public sealed class NormalizationTests(DenseFixture fixture)
{
    private static CzModel Small(DenseFixture fixture) =>
        DeepCompressor.Compress(DenseModelLoader.Load(fixture.File("torch_mlp.npz")),
            new CompressionOptions { Density = 0.5 }, "m").Model;

    [Fact]
    public void Should_keep_mean_and_std_When_writing_and_reading_a_cz()
    {
        var model = Small(fixture) with { Input = new CzInputNormalization(0.2860, 0.3530) };
        using var dir = new TempDir();
        CzWriter.Write(model, dir.File("m.cz"));

        var back = CzReader.Read(dir.File("m.cz"));

        back.Input.Should().Be(new CzInputNormalization(0.2860, 0.3530));
        using var zip = ZipFile.OpenRead(dir.File("m.cz"));
        using var reader = new StreamReader(zip.GetEntry("manifest.yaml")!.Open());
        var yaml = reader.ReadToEnd();
        yaml.Should().Contain("input:").And.Contain("mean: 0.286").And.Contain("std: 0.353");
    }

    [Fact]
    public void Should_write_no_input_key_When_the_model_has_no_normalization()
    {
        using var dir = new TempDir();
        CzWriter.Write(Small(fixture), dir.File("m.cz"));

        using var zip = ZipFile.OpenRead(dir.File("m.cz"));
        using var reader = new StreamReader(zip.GetEntry("manifest.yaml")!.Open());
        reader.ReadToEnd().Should().NotContain("\ninput:");
        CzReader.Read(dir.File("m.cz")).Input.Should().BeNull();
    }

    [Fact]
    public void Should_name_the_field_When_std_is_not_positive()
    {
        var act = () => CzWriter.ToBytes(Small(fixture) with { Input = new CzInputNormalization(0.5, 0) }, "m.cz");

        act.Should().Throw<EiecException>().Which.Message.Should()
            .Contain("m.cz").And.Contain("'input'").And.Contain("std 0");
    }

    [Fact]
    public void Should_keep_normalization_When_writing_and_reading_a_dense_npz()
    {
        var model = DenseModelLoader.Load(fixture.File("torch_mlp.npz")) with
        {
            Input = new CzInputNormalization(0.1307,
            0.3081)
        };
        using var dir = new TempDir();
        DenseNpzWriter.Write(model, dir.File("m.npz"));

        DenseModelLoader.Load(dir.File("m.npz")).Input.Should().Be(new CzInputNormalization(0.1307, 0.3081));
    }

    [Fact]
    public void Should_normalize_float_inputs_before_quantizing_When_loading_run_input()
    {
        using var dir = new TempDir();
        NpyWriter.WriteFile(dir.File("x.npy"), NpyArray.FromFloat32([0.5f, 1.0f, 0.25f]));

        var q = ActivationInput.Load(dir.File("x.npy"), 3, 8, out _, new CzInputNormalization(0.5, 0.25));

        // (0.5 − 0.5) / 0.25 = 0, (1 − 0.5) / 0.25 = 2, (0.25 − 0.5) / 0.25 = −1; Q7.8: × 256.
        q[0].Should().Equal(0, 512, -256);
    }

    [Fact]
    public void Should_map_each_value_When_normalizing_a_dataset()
    {
        var data = new Dataset { Source = "d", Count = 2, Features = 2, X = [0f, 1f, 0.5f, 0.25f], Labels = [0, 1] };

        var n = data.Normalized(new CzInputNormalization(0.5, 0.5));

        n.X.Should().Equal(-1f, 1f, 0f, -0.5f);
        n.Labels.Should().Equal(0, 1);
        data.X.Should().Equal(0f, 1f, 0.5f, 0.25f);
    }
}
