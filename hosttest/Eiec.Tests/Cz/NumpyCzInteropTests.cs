using System.Text.Json;
using System.Text.RegularExpressions;
using Eiec.Contract.Cz;
using Eiec.Tests.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Cz;

/// <summary>
/// .cz files crossing between eiec and real NumPy/SciPy in both directions. Expected values come
/// from a dense dump the Python side makes independently, so the checks are not circular.
/// </summary>
[Collection(NumpyCollection.Name)]
public class NumpyCzInteropTests(NumpyFixture numpy)
{
    [Fact]
    public void Should_MatchPythonsDenseMatrices_When_ReadingACzWrittenWithZipfileAndScipy()
    {
        var expected = numpy.Expected.RootElement.GetProperty("model");

        var model = CzReader.Read(numpy.File("model.cz"));

        model.Name.Should().Be(expected.GetProperty("name").GetString());
        var layers = expected.GetProperty("layers").EnumerateArray().ToList();
        model.Layers.Should().HaveCount(layers.Count);
        for (var i = 0; i < layers.Count; i++)
        {
            var (layer, e) = (model.Layers[i], layers[i]);
            layer.Name.Should().Be(e.GetProperty("name").GetString());
            layer.Inputs.Should().Be(e.GetProperty("inputs").GetInt32());
            layer.Outputs.Should().Be(e.GetProperty("outputs").GetInt32());
            layer.Activation.Should().Be(
                e.GetProperty("activation").GetString() == "relu" ? LayerActivation.Relu : LayerActivation.None);
            layer.NonZeros.Should().Be(e.GetProperty("nnz").GetInt32());
            layer.Codebook.Should().Equal(Floats(e.GetProperty("codebook")));
            if (e.GetProperty("bias").ValueKind == JsonValueKind.Null) layer.Bias.Should().BeNull();
            else layer.Bias.Should().Equal(Floats(e.GetProperty("bias")));
            Flatten(CzSamples.Dense(layer)).Should().Equal(e.GetProperty("dense").EnumerateArray().SelectMany(Floats));
        }
    }

    [Fact]
    public void Should_GiveNumpyTheSameDenseMatrices_When_NumpyReadsACzWeWrote()
    {
        using var dir = new TempDir();
        var path = dir.File("ours.cz");
        var model = CzSamples.TwoLayer();
        CzWriter.Write(model, path);

        using var dump = JsonDocument.Parse(NumpyPython.Run(RepoPaths.FixtureScript("dump_cz.py"), path));

        var layers = dump.RootElement.GetProperty("layers").EnumerateArray().ToList();
        layers.Should().HaveCount(2);
        for (var i = 0; i < 2; i++)
        {
            layers[i].GetProperty("name").GetString().Should().Be(model.Layers[i].Name);
            layers[i].GetProperty("dense").EnumerateArray().SelectMany(Floats)
                .Should().Equal(Flatten(CzSamples.Dense(model.Layers[i])));
            var dtypes = layers[i].GetProperty("dtypes");
            dtypes.GetProperty("indptr").GetString().Should().Be("<i4");
            dtypes.GetProperty("codes").GetString().Should().Be("|u1");
            dtypes.GetProperty("codebook").GetString().Should().Be("<f4");
        }
        layers[0].GetProperty("bias").EnumerateArray().Select(v => v.GetSingle()).Should().Equal(model.Layers[0].Bias);
        layers[1].GetProperty("bias").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Should_ProduceAValidModel_When_RunningThePythonExampleInTheDocs()
    {
        var markdown = File.ReadAllText(RepoPaths.Doc("cz-format.md"));
        var code = Regex.Match(markdown, "```python\n(.*?)```", RegexOptions.Singleline);
        code.Success.Should().BeTrue("docs/cz-format.md should contain a ```python example");
        using var dir = new TempDir();
        File.WriteAllText(dir.File("example.py"), code.Groups[1].Value);

        NumpyPython.RunIn(dir.Path, dir.File("example.py"));

        var model = CzReader.Read(dir.File("tiny.cz"));
        model.Layers.Select(l => l.Name).Should().Equal("fc1", "fc2");
        Flatten(CzSamples.Dense(model.Layers[0])).Should().Equal(-1f, 0f, 0f, 0.5f, 0f, 0f, 2f, 0f, 0.5f, 0f, -1f, -1f);
        Flatten(CzSamples.Dense(model.Layers[1])).Should().Equal(1f, 0f, -0.5f, 0f, 1f, 1f);
        model.Layers[0].Bias.Should().Equal(0.1f, 0f, -0.1f);
        model.Layers[0].Activation.Should().Be(LayerActivation.Relu);
        model.Layers[1].Bias.Should().BeNull();
    }

    private static IEnumerable<float> Floats(JsonElement array) =>
        array.EnumerateArray().Select(v => (float)v.GetDouble());

    private static IEnumerable<float> Flatten(float[,] matrix) => matrix.Cast<float>();
}
