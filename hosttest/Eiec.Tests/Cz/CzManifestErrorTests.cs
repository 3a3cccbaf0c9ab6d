namespace Eiec.Tests.Cz;

/// <summary>Bad manifest.yaml content; every message names the file, manifest.yaml, the layer and the key.</summary>
public sealed class CzManifestErrorTests : IDisposable
{
    private readonly BadCzFile _bad = new();

    public void Dispose() => _bad.Dispose();

    private string ErrorAfterEdit(string find, string replace) =>
        _bad.ErrorOf(BadCzFile.Good().EditManifest(find, replace));

    [Fact]
    public void Should_ReportTheLine_When_YamlIsMalformed()
    {
        // Line 9 of the written manifest is fc1's "outputs: 3" (line 1 is a comment); the bad line follows.
        ErrorAfterEdit("    outputs: 3\n", "    outputs: 3\n   bad: [indent\n")
            .ShouldMention("manifest.yaml line 10, column 4", "malformed YAML");
    }

    [Fact]
    public void Should_ReportTheLine_When_FlowCollectionIsUnclosed()
    {
        ErrorAfterEdit("    inputs: 4\n", "    inputs: [4\n")
            .ShouldMention("manifest.yaml near line 8", "malformed YAML", "unterminated");
    }

    [Theory]
    [InlineData("version: 1\n", "version: 1\nauthor: me\n", null, "unknown key 'author'")]
    [InlineData("    outputs: 3\n", "    outptus: 3\n", "layer 'fc1'", "unknown key 'outptus'")]
    [InlineData("      codes: fc2/codes.npy\n", "      codes: fc2/codes.npy\n      scale: fc2/scale.npy\n",
        "layer 'fc2'", "unknown key 'scale' in 'arrays'")]
    public void Should_NameTheKeyAndLayer_When_ManifestHasAnUnknownKey(
        string find, string replace, string? layer, string expected)
    {
        var message = ErrorAfterEdit(find, replace);

        message.ShouldMention("manifest.yaml line ", expected, "known keys:");
        if (layer is not null) message.ShouldMention(layer);
    }

    [Theory]
    [InlineData("name: tiny-mlp\n", null, "missing key 'name'")]
    [InlineData("    activation: relu\n", "layer 'fc1'", "missing key 'activation'")]
    [InlineData("      codebook: fc2/codebook.npy\n", "layer 'fc2'", "missing key 'arrays.codebook'")]
    [InlineData("    inputs: 3\n", "layer 'fc2'", "missing key 'inputs'")]
    [InlineData("  - name: fc2\n    kind: fc\n", "layer #2", "missing key 'name'")]
    public void Should_NameTheKeyAndLayer_When_ManifestLacksARequiredKey(string remove, string? layer, string expected)
    {
        var message = ErrorAfterEdit(remove, remove.StartsWith("  - name") ? "  - kind: fc\n" : "");

        message.ShouldMention("manifest.yaml line ", expected);
        if (layer is not null) message.ShouldMention(layer);
    }

    [Fact]
    public void Should_ListSupportedVersions_When_VersionIsUnknown()
    {
        ErrorAfterEdit("version: 1\n", "version: 2\nnew_key: x\n")
            .ShouldMention(
                "manifest.yaml line 3", "field 'version'", "unsupported .cz format version 2", "reads version(s) 1");
    }

    [Theory]
    [InlineData("version: 1\n", "version: one\n", "field 'version' must be an integer, got 'one'")]
    [InlineData("format: eiec-cz\n", "format: onnx\n", "field 'format' is 'onnx' but must be 'eiec-cz'")]
    [InlineData("format: eiec-cz\n", "", "missing key 'format'")]
    [InlineData("version: 1\n", "", "missing key 'version'")]
    [InlineData("layers:\n", "layerz: []\nlayers:\n", "unknown key 'layerz'")]
    public void Should_NameTheField_When_TopLevelValueIsWrong(string find, string replace, string expected)
    {
        ErrorAfterEdit(find, replace).ShouldMention("manifest.yaml", expected);
    }

    [Theory]
    [InlineData("    kind: fc\n    inputs: 4\n", "    kind: conv\n    inputs: 4\n",
        "layer 'fc1'", "field 'kind' is 'conv'")]
    [InlineData("    activation: relu\n", "    activation: tanh\n",
        "layer 'fc1'", "field 'activation' is 'tanh'; expected 'relu' or 'none'")]
    [InlineData("    inputs: 3\n", "    inputs: three\n",
        "layer 'fc2'", "field 'inputs' must be an integer, got 'three'")]
    [InlineData("    outputs: 2\n", "    outputs: [2]\n", "layer 'fc2'", "field 'outputs' must be a plain value")]
    [InlineData("    outputs: 2\n", "    outputs: 99999999999\n", "layer 'fc2'", "field 'outputs' must be an integer")]
    [InlineData("      indptr: fc1/indptr.npy\n", "      indptr: ''\n",
        "layer 'fc1'", "field 'arrays.indptr' is empty")]
    public void Should_NameLayerAndField_When_LayerValueIsWrong(
        string find, string replace, string layer, string expected)
    {
        ErrorAfterEdit(find, replace).ShouldMention("manifest.yaml line ", layer, expected);
    }

    [Fact]
    public void Should_SayTheModelHasNoLayers_When_LayerListIsEmpty()
    {
        _bad.ErrorOf(BadCzFile.Good().SetManifest("format: eiec-cz\nversion: 1\nname: m\nlayers: []\n"))
            .ShouldMention("no layers");
    }

    [Theory]
    [InlineData("", "manifest.yaml is empty")]
    [InlineData("# only a comment\n", "manifest.yaml is empty")]
    [InlineData("- format: eiec-cz\n", "must be a mapping")]
    [InlineData("format: eiec-cz\nversion: 1\nname: m\n", "missing key 'layers'")]
    [InlineData("format: eiec-cz\nversion: 1\nname: m\nlayers: {}\n", "'layers' must be a list")]
    [InlineData("format: eiec-cz\nversion: 1\nname: m\nlayers: [fc1]\n",
        "layer #1: each entry of 'layers' must be a mapping")]
    [InlineData("format: eiec-cz\n---\nformat: eiec-cz\n", "2 YAML documents")]
    [InlineData("format: eiec-cz\nformat: eiec-cz\n", "Duplicate key")]
    public void Should_ExplainTheStructure_When_ManifestShapeIsWrong(string manifest, string expected)
    {
        _bad.ErrorOf(BadCzFile.Good().SetManifest(manifest)).ShouldMention("manifest.yaml", expected);
    }
}
