using Eiec.Contract.Cz;
using Eiec.Contract.Npy;
using Eiec.Tests.Npy;

namespace Eiec.Tests.Cz;

/// <summary>
/// Array members that are not valid .npy, have the wrong dtype or shape, or break a CSC rule.
/// Every message names the file, the layer, the field, the member inside the ZIP and the value.
/// </summary>
public sealed class CzArrayErrorTests : IDisposable
{
    private readonly BadCzFile _bad = new();

    public void Dispose() => _bad.Dispose();

    private string ErrorWith(string member, NpyArray array) => _bad.ErrorOf(BadCzFile.Good().Replace(member, array));

    private static string[] Names(string layer, string field) =>
        [$"layer '{layer}'", $"field '{field}'", $"member '{layer}/{field}.npy'"];

    [Theory]
    [InlineData("fc1", "codebook", NpyDType.Float64, "'<f8'", "float32")]
    [InlineData("fc1", "bias", NpyDType.Float64, "'<f8'", "float32")]
    [InlineData("fc2", "indices", NpyDType.Float32, "'<f4'", "int32")]
    [InlineData("fc2", "indptr", NpyDType.Int16, "'<i2'", "int32 ('<i4') or int64")]
    [InlineData("fc1", "codes", NpyDType.Float32, "'<f4'", "integer dtype")]
    public void Should_NameRequiredDType_When_ArrayHasWrongDType(
        string layer, string field, NpyDType dtype, string actual, string required)
    {
        var length = NpyReader.Read(BadCzFile.Good().Read($"{layer}/{field}.npy"), "x").Length;

        var wrong = new NpyArray(dtype, [length], new byte[length * dtype.ItemSize()]);
        _bad.ErrorOf(BadCzFile.Good().Replace($"{layer}/{field}.npy", wrong))
            .ShouldMention([.. Names(layer, field), actual, required]);
    }

    [Fact]
    public void Should_NameShape_When_ArrayIsNot1D()
    {
        ErrorWith("fc1/indices.npy", NpyArray.FromInt32([0, 2, 1, 0, 1, 2], [2, 3]))
            .ShouldMention([.. Names("fc1", "indices"), "shape (2, 3)", "must be 1-D"]);
    }

    [Fact]
    public void Should_NameLayerFieldAndMember_When_NpyIsTruncated()
    {
        var zip = BadCzFile.Good();
        var bytes = zip.Read("fc2/indices.npy");

        _bad.ErrorOf(zip.Replace("fc2/indices.npy", bytes[..^3]))
            .ShouldMention([.. Names("fc2", "indices"), "truncated .npy data", "(4,)", "only 13 byte(s)"]);
    }

    [Fact]
    public void Should_NameLayerFieldAndMember_When_MemberIsNotNpy()
    {
        _bad.ErrorOf(BadCzFile.Good().Replace("fc1/codebook.npy", "0.0 0.5 -1 2"u8.ToArray()))
            .ShouldMention([.. Names("fc1", "codebook"), "not a .npy file"]);
    }

    [Fact]
    public void Should_NameLayerFieldAndMember_When_NpyIsBigEndian()
    {
        var bytes = NpyBytes.Build(NpyBytes.Header(">f4", "(3,)"), new byte[12]);

        _bad.ErrorOf(BadCzFile.Good().Replace("fc1/bias.npy", bytes))
            .ShouldMention([.. Names("fc1", "bias"), "big-endian"]);
    }

    [Fact]
    public void Should_NameBothLayers_When_ShapesDoNotChain()
    {
        _bad.ErrorOf(BadCzFile.Good().EditManifest("    inputs: 3\n", "    inputs: 2\n"))
            .ShouldMention("layer 'fc2' field 'inputs'",
                "layer 'fc2' has 2 inputs but the previous layer 'fc1' has 3 outputs");
    }

    [Fact]
    public void Should_NamePositionAndCode_When_CodeIsNotBelowCodebookSize()
    {
        ErrorWith("fc1/codes.npy", NpyArray.FromUInt8([1, 2, 4, 1, 1, 2]))
            .ShouldMention([.. Names("fc1", "codes"), "code 4 at position 2 is not below the codebook size 4"]);
    }

    [Theory]
    [InlineData(new[] { 0, 3, 1, 0, 1, 2 }, "row index 3 at position 1 (column 0) is out of range [0, 3)")]
    [InlineData(new[] { -1, 2, 1, 0, 1, 2 }, "row index -1 at position 0 (column 0) is out of range [0, 3)")]
    public void Should_NamePositionAndColumn_When_RowIndexIsOutOfRange(int[] indices, string expected)
    {
        ErrorWith("fc1/indices.npy", NpyArray.FromInt32(indices)).ShouldMention([.. Names("fc1", "indices"), expected]);
    }

    [Fact]
    public void Should_NameColumnAndPositions_When_RowIndicesAreUnsorted()
    {
        ErrorWith("fc1/indices.npy", NpyArray.FromInt32([0, 2, 1, 2, 1, 0]))
            .ShouldMention([
                .. Names("fc1", "indices"), "row indices of column 3 are not sorted: position 4 has 1 after 2"]);
    }

    [Fact]
    public void Should_NameColumnAndPositions_When_RowIndexIsDuplicated()
    {
        ErrorWith("fc1/indices.npy", NpyArray.FromInt32([0, 2, 1, 0, 1, 1]))
            .ShouldMention([.. Names("fc1", "indices"), "duplicate row index 1 at positions 4 and 5 (column 3)"]);
    }

    [Fact]
    public void Should_NameIndexOutOfInt32Range_When_Int64IndexIsHuge()
    {
        ErrorWith("fc1/indices.npy", NpyArray.FromInt64([0, 2, 1, 0, 1, 1L << 40]))
            .ShouldMention([.. Names("fc1", "indices"), "element 5 = 1099511627776 does not fit in int32"]);
    }

    [Theory]
    [InlineData(new[] { 0, 2, 1, 3, 6 }, "not non-decreasing: indptr[2] = 1 < indptr[1] = 2")]
    [InlineData(new[] { 1, 2, 2, 3, 6 }, "indptr[0] = 1 but must be 0")]
    [InlineData(new[] { 0, 2, 2, 3, 5 }, "indptr[4] (the last entry) = 5 but there are 6 non-zeros")]
    [InlineData(new[] { 0, 2, 2, 6 }, "length 4 but must be inputs + 1 = 5")]
    public void Should_NameTheEntry_When_IndPtrIsInvalid(int[] indptr, string expected)
    {
        ErrorWith("fc1/indptr.npy", NpyArray.FromInt32(indptr)).ShouldMention([.. Names("fc1", "indptr"), expected]);
    }

    [Theory]
    [InlineData("fc1", "codebook", float.NaN, 2, "codebook[2] = nan is not finite")]
    [InlineData("fc2", "codebook", float.NegativeInfinity, 1, "codebook[1] = -inf is not finite")]
    [InlineData("fc1", "bias", float.PositiveInfinity, 0, "bias[0] = inf is not finite")]
    [InlineData("fc1", "bias", float.NaN, 2, "bias[2] = nan is not finite")]
    public void Should_NameIndexAndValue_When_ValueIsNotFinite(
        string layer, string field, float value, int index, string expected)
    {
        var member = $"{layer}/{field}.npy";
        var values = NpyReader.Read(BadCzFile.Good().Read(member), member).ToFloat32();
        values[index] = value;

        ErrorWith(member, NpyArray.FromFloat32(values)).ShouldMention([.. Names(layer, field), expected]);
    }

    [Fact]
    public void Should_RequireZero_When_CodebookEntryZeroIsNotZero()
    {
        ErrorWith("fc2/codebook.npy", NpyArray.FromFloat32([0.25f, 1f, -0.5f, 0.25f]))
            .ShouldMention([.. Names("fc2", "codebook"), "codebook[0] = 0.25 but entry 0 must be exactly 0.0"]);
    }

    [Fact]
    public void Should_NameTheLimit_When_CodebookIsTooLong()
    {
        ErrorWith("fc2/codebook.npy", NpyArray.FromFloat32(new float[17]))
            .ShouldMention([.. Names("fc2", "codebook"), "17 entries but at most 16 are allowed"]);
    }

    [Fact]
    public void Should_UseTheGivenLimit_When_ReadingWithFewerCodeBits()
    {
        File.WriteAllBytes(_bad.Path, CzWriter.ToBytes(CzSamples.TwoLayer()));

        var act = () => CzReader.Read(_bad.Path, maxCodebookEntries: 2);

        act.Should().Throw<Eiec.Contract.Diagnostics.EiecException>().Which.Message
            .ShouldMention([.. Names("fc1", "codebook"), "4 entries but at most 2 are allowed"]);
    }

    [Fact]
    public void Should_RequireEntryZero_When_CodebookIsEmpty()
    {
        ErrorWith("fc2/codebook.npy", NpyArray.FromFloat32([])).ShouldMention([.. Names("fc2", "codebook"), "empty"]);
    }

    [Fact]
    public void Should_NameBothLengths_When_BiasLengthIsNotOutputs()
    {
        ErrorWith("fc1/bias.npy", NpyArray.FromFloat32([0f, 0f]))
            .ShouldMention([.. Names("fc1", "bias"), "length 2 but the layer has 3 outputs"]);
    }

    [Fact]
    public void Should_NameBothLengths_When_CodesLengthIsNotNonZeros()
    {
        ErrorWith("fc2/codes.npy", NpyArray.FromUInt8([1, 2, 3]))
            .ShouldMention([.. Names("fc2", "codes"), "length 3 but there are 4 non-zeros"]);
    }

    [Fact]
    public void Should_NameTheValue_When_Int64CodeDoesNotFitUInt8()
    {
        ErrorWith("fc2/codes.npy", NpyArray.FromInt64([1, 2, 300, 1]))
            .ShouldMention([.. Names("fc2", "codes"), "element 2 = 300 does not fit in uint8"]);
    }
}
