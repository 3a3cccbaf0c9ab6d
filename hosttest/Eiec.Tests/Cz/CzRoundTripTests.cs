using System.Text;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;
using Eiec.Tests.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Cz;

public class CzRoundTripTests
{
    [Fact]
    public void Should_ReturnEqualModel_When_WrittenAndReadBack()
    {
        using var dir = new TempDir();
        var path = dir.File("tiny.cz");
        var model = CzSamples.TwoLayer();

        CzWriter.Write(model, path);

        CzAssert.SameModel(CzReader.Read(path), model);
    }

    [Fact]
    public void Should_WriteIdenticalBytes_When_WritingSameModelTwice()
    {
        using var dir = new TempDir();
        CzWriter.Write(CzSamples.TwoLayer(), dir.File("a.cz"));
        CzWriter.Write(CzSamples.TwoLayer(), dir.File("b.cz"));

        File.ReadAllBytes(dir.File("a.cz")).Should().Equal(File.ReadAllBytes(dir.File("b.cz")));
        CzWriter.ToBytes(CzSamples.TwoLayer()).Should().Equal(File.ReadAllBytes(dir.File("a.cz")));
    }

    [Fact]
    public void Should_WriteFixedMemberOrderAndTimestamps_When_Writing()
    {
        var zip = new System.IO.Compression.ZipArchive(new MemoryStream(CzWriter.ToBytes(CzSamples.TwoLayer())));

        zip.Entries.Select(e => e.FullName).Should().Equal(
            "manifest.yaml",
            "fc1/indptr.npy", "fc1/indices.npy", "fc1/codes.npy", "fc1/codebook.npy", "fc1/bias.npy",
            "fc2/indptr.npy", "fc2/indices.npy", "fc2/codes.npy", "fc2/codebook.npy");
        zip.Entries.Should().OnlyContain(e => e.LastWriteTime.DateTime == new DateTime(1980, 1, 1));
    }

    [Fact]
    public void Should_ReplaceTheFileAndLeaveNoTemporaryFile_When_OverwritingAModel()
    {
        using var dir = new TempDir();
        var path = dir.File("m.cz");
        CzWriter.Write(CzSamples.TwoLayer(), path);
        var single = new CzModel("single", [CzSamples.Fc2()]);

        CzWriter.Write(single, path);

        CzAssert.SameModel(CzReader.Read(path), single);
        Directory.GetFiles(dir.Path).Should().Equal(path);
    }

    [Fact]
    public void Should_NotCreateTheFile_When_ModelIsInvalid()
    {
        using var dir = new TempDir();
        var path = dir.File("bad.cz");
        var model = new CzModel("m", [CzSamples.Copy(CzSamples.Fc1(), codebook: [1f, 2f])]);

        var act = () => CzWriter.Write(model, path);

        act.Should().Throw<EiecException>().Which.Message.ShouldMention(path, "layer 'fc1'", "field 'codebook'");
        Directory.GetFiles(dir.Path).Should().BeEmpty();
    }

    [Theory]
    [InlineData("no", "yes")]
    [InlineData("123", "0x1F")]
    [InlineData("conv 1/a", "Fc:2 #x")]
    [InlineData("null", "~")]
    [InlineData("fc1", "FC1")]
    public void Should_RoundTripNames_When_TheyLookLikeYamlScalarsOrUnsafePaths(string first, string second)
    {
        var model = new CzModel(first + second,
            [CzSamples.Copy(CzSamples.Fc1(), name: first), CzSamples.Copy(CzSamples.Fc2(), name: second)]);

        var back = CzReader.Read(new MemoryStream(CzWriter.ToBytes(model)), "names.cz");

        CzAssert.SameModel(back, model);
    }

    [Fact]
    public void Should_UseDistinctFolders_When_LayerNamesDifferOnlyInCase()
    {
        var model = new CzModel("m",
            [CzSamples.Copy(CzSamples.Fc1(), name: "fc"), CzSamples.Copy(CzSamples.Fc2(), name: "FC")]);

        var manifest = CzWriter.BuildManifest(model);

        manifest.Layers[0].Arrays.Indptr.Should().Be("fc/indptr.npy");
        manifest.Layers[1].Arrays.Indptr.Should().Be("FC_/indptr.npy");
    }

    [Fact]
    public void Should_AcceptWiderIntegerDTypes_When_FileUsesInt64IndicesAndInt32Codes()
    {
        var zip = BadCzFile.Good()
            .Replace("fc1/indptr.npy", NpyArray.FromInt64([0, 2, 2, 3, 6]))
            .Replace("fc1/indices.npy", NpyArray.FromInt64([0, 2, 1, 0, 1, 2]))
            .Replace("fc1/codes.npy", NpyArray.FromInt32([1, 2, 3, 1, 1, 2]));

        CzAssert.SameModel(CzReader.Read(new MemoryStream(zip.ToBytes()), "wide.cz"), CzSamples.TwoLayer());
    }

    [Fact]
    public void Should_ReadModel_When_ManifestIsHandWrittenWithCommentsAndFlowStyle()
    {
        const string manifest = """
            # written by hand
            format: eiec-cz
            version: 1
            name: "tiny-mlp"
            layers:
            - {name: fc1, kind: fc, inputs: 4, outputs: 3, activation: relu,
               arrays: {indptr: fc1/indptr.npy, indices: fc1/indices.npy, codes: fc1/codes.npy,
                        codebook: fc1/codebook.npy, bias: fc1/bias.npy}}
            - name: fc2   # the last layer
              kind: fc
              inputs: 3
              outputs: 2
              activation: none
              arrays:
                indptr: fc2/indptr.npy
                indices: fc2/indices.npy
                codes: fc2/codes.npy
                codebook: fc2/codebook.npy
                bias: null
            """;
        var zip = BadCzFile.Good().SetManifest(manifest)
            .Add("README.txt", Encoding.UTF8.GetBytes("extra members are ignored"));

        CzAssert.SameModel(CzReader.Read(new MemoryStream(zip.ToBytes()), "hand.cz"), CzSamples.TwoLayer());
    }

    [Fact]
    public void Should_ReadStoredMembers_When_ZipIsNotCompressed()
    {
        var bytes = BadCzFile.Good().ToBytes(System.IO.Compression.CompressionLevel.NoCompression);

        CzAssert.SameModel(CzReader.Read(new MemoryStream(bytes), "stored.cz"), CzSamples.TwoLayer());
    }
}
