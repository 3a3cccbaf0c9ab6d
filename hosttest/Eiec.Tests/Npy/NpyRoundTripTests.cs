using Eiec.Contract.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Npy;

public class NpyRoundTripTests
{
    public static TheoryData<NpyArray> EveryDType() =>
    [
        NpyArray.FromInt8([-128, -1, 0, 1, 127, 5], [2, 3]),
        NpyArray.FromUInt8([0, 1, 128, 255], [4]),
        NpyArray.FromInt16([short.MinValue, -1, 0, short.MaxValue], [2, 2]),
        NpyArray.FromUInt16([0, 1, ushort.MaxValue], [3]),
        NpyArray.FromInt32([int.MinValue, -7, 0, int.MaxValue, 3, 4], [3, 2]),
        NpyArray.FromUInt32([0, 7, uint.MaxValue], [3]),
        NpyArray.FromInt64([long.MinValue, 0, long.MaxValue], [3]),
        NpyArray.FromUInt64([0, 1, ulong.MaxValue], [3, 1]),
        NpyArray.FromFloat32([0f, -0f, 1.5f, float.MaxValue, float.Epsilon, float.NaN], [1, 2, 3]),
        NpyArray.FromFloat64([0d, -2.5, double.MaxValue, double.Epsilon, double.NegativeInfinity, Math.PI], [6]),
    ];

    [Theory]
    [MemberData(nameof(EveryDType))]
    public void Should_ReturnSameDTypeShapeAndBytes_When_WrittenAndReadBack(NpyArray array)
    {
        var bytes = NpyWriter.ToBytes(array);
        var back = NpyReader.Read(bytes, "roundtrip.npy");

        back.DType.Should().Be(array.DType);
        back.Descr.Should().Be(array.Descr);
        back.Shape.Should().Equal(array.Shape);
        back.Data.ToArray().Should().Equal(array.Data.ToArray());
    }

    [Theory]
    [MemberData(nameof(EveryDType))]
    public void Should_WriteIdenticalBytes_When_WritingTheSameArrayTwice(NpyArray array)
    {
        NpyWriter.ToBytes(array).Should().Equal(NpyWriter.ToBytes(array));
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 0, 5 })]
    [InlineData(new[] { 2, 0, 3 })]
    public void Should_RoundTrip_When_ArrayIsScalarOrEmpty(int[] shape)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        var array = NpyArray.FromFloat32(Enumerable.Range(0, count).Select(i => i + 0.5f).ToArray(), shape);

        var back = NpyReader.Read(NpyWriter.ToBytes(array), "x.npy");

        back.Shape.Should().Equal(shape);
        back.ToFloat32().Should().Equal(array.ToFloat32());
    }

    [Fact]
    public void Should_ReadTheFile_When_WrittenWithWriteFile()
    {
        using var dir = new TempDir();
        var path = dir.File("v.npy");
        var array = NpyArray.FromFloat32([1f, 2f, 3f]);

        NpyWriter.WriteFile(path, array);

        NpyReader.Read(path).ToFloat32().Should().Equal(1f, 2f, 3f);
        Directory.GetFiles(dir.Path).Should().ContainSingle("the temporary file is renamed, not left behind");
    }
}
