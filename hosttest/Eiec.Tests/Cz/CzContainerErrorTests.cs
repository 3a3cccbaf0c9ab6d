using System.IO.Compression;
using System.Text;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;

namespace Eiec.Tests.Cz;

/// <summary>Files that are not, or no longer, a readable ZIP with the members the manifest names.</summary>
public sealed class CzContainerErrorTests : IDisposable
{
    private readonly BadCzFile _bad = new();

    public void Dispose() => _bad.Dispose();

    [Theory]
    [InlineData("format: eiec-cz\n")]
    [InlineData("")]
    public void Should_SayItIsNotAZip_When_FileIsNotAZip(string content)
    {
        _bad.ErrorOf(Encoding.UTF8.GetBytes(content))
            .ShouldMention("not a valid compressed model (.cz)", "not a ZIP archive");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void Should_SayTruncated_When_ZipIsCutShort(double keep)
    {
        var bytes = CzWriter.ToBytes(CzSamples.TwoLayer());

        _bad.ErrorOf(bytes[..(int)(bytes.Length * keep)]).ShouldMention("truncated or corrupt");
    }

    [Fact]
    public void Should_NameLayerFieldAndMember_When_StoredMemberFailsCrc()
    {
        var bytes = BadCzFile.Good().ToBytes(CompressionLevel.NoCompression);
        // Flip one bit of the stored indices data (a stored member's bytes appear verbatim in the ZIP).
        var npy = NpyWriter.ToBytes(NpyArray.FromInt32(CzSamples.Fc1().Indices));
        var at = bytes.AsSpan().IndexOf(npy);
        at.Should().BePositive();
        bytes[at + npy.Length - 1] ^= 0x01;

        _bad.ErrorOf(bytes).ShouldMention("layer 'fc1'", "field 'indices'", "member 'fc1/indices.npy'", "CRC-32");
    }

    [Fact]
    public void Should_NameTheMember_When_DeflateDataIsCorrupt()
    {
        var bytes = CzWriter.ToBytes(CzSamples.TwoLayer());
        // The first occurrence of the name is the local header; the deflate data follows it.
        var name = "fc2/codebook.npy"u8.ToArray();
        var dataStart = bytes.AsSpan().IndexOf(name) + name.Length;
        for (var i = dataStart; i < dataStart + 24; i++) bytes[i] ^= 0xA5;

        _bad.ErrorOf(bytes).ShouldMention("layer 'fc2'", "field 'codebook'", "member 'fc2/codebook.npy'", "corrupt");
    }

    [Fact]
    public void Should_SayManifestIsMissing_When_ZipHasNoManifest()
    {
        _bad.ErrorOf(BadCzFile.Good().Remove("manifest.yaml"))
            .ShouldMention("'manifest.yaml' is missing", "'fc1/indptr.npy'");
    }

    [Fact]
    public void Should_NameLayerFieldAndMember_When_ArrayMemberIsMissing()
    {
        _bad.ErrorOf(BadCzFile.Good().Remove("fc2/codes.npy"))
            .ShouldMention("layer 'fc2'", "field 'codes'", "member 'fc2/codes.npy'", "not in the archive");
    }

    [Fact]
    public void Should_NameTheMember_When_ZipHoldsTheSameNameTwice()
    {
        var zip = BadCzFile.Good();
        _bad.ErrorOf(zip.Add("fc1/bias.npy", zip.Read("fc1/bias.npy")))
            .ShouldMention("'fc1/bias.npy' appears more than once");
    }

    [Fact]
    public void Should_SayNotUtf8_When_ManifestIsNotText()
    {
        _bad.ErrorOf(BadCzFile.Good().Replace("manifest.yaml", [0x66, 0xFF, 0xFE, 0x0A]))
            .ShouldMention("manifest.yaml", "UTF-8");
    }

    [Fact]
    public void Should_NameThePath_When_FileDoesNotExist()
    {
        var act = () => CzReader.Read("/nonexistent/model.cz");

        act.Should().Throw<EiecException>().WithMessage("/nonexistent/model.cz: cannot read compressed model*");
    }
}
