using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;

namespace Eiec.Tests.Npy;

public class NpyConversionTests
{
    private static NpyArray Named(NpyArray array) =>
        new(array.DType, [.. array.Shape], array.Data.ToArray(), "in.npy");

    [Fact]
    public void Should_ConvertEveryIntegerDType_When_ValuesFitInt32()
    {
        NpyArray.FromInt8([-3, 4]).ToInt32().Should().Equal(-3, 4);
        NpyArray.FromUInt8([0, 255]).ToInt32().Should().Equal(0, 255);
        NpyArray.FromInt16([-300, 300]).ToInt32().Should().Equal(-300, 300);
        NpyArray.FromUInt16([65535]).ToInt32().Should().Equal(65535);
        NpyArray.FromUInt32([7]).ToInt32().Should().Equal(7);
        NpyArray.FromInt64([int.MinValue, int.MaxValue]).ToInt32().Should().Equal(int.MinValue, int.MaxValue);
        NpyArray.FromUInt64([9]).ToInt32().Should().Equal(9);
    }

    [Theory]
    [InlineData(1L + int.MaxValue, 1)]
    [InlineData(-1L + int.MinValue, 2)]
    public void Should_NameIndexAndValue_When_Int64DoesNotFitInt32(long value, int index)
    {
        var array = Named(NpyArray.FromInt64(index == 1 ? [0, value] : [0, 1, value]));

        var act = () => array.ToInt32();

        act.Should().Throw<EiecException>().WithMessage($"in.npy: element {index} = {value} does not fit in int32");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(256)]
    public void Should_Throw_When_ValueDoesNotFitUInt8(int value)
    {
        var act = () => Named(NpyArray.FromInt32([value])).ToUInt8();

        act.Should().Throw<EiecException>().WithMessage($"in.npy: element 0 = {value} does not fit in uint8");
    }

    [Fact]
    public void Should_Throw_When_UInt64DoesNotFitInt64()
    {
        var act = () => Named(NpyArray.FromUInt64([ulong.MaxValue])).ToInt64();

        act.Should().Throw<EiecException>().WithMessage("*does not fit in int64");
    }

    [Fact]
    public void Should_Throw_When_Int32DoesNotFitInt16()
    {
        var act = () => Named(NpyArray.FromInt32([40000])).ToInt16();

        act.Should().Throw<EiecException>().WithMessage("*40000 does not fit in int16");
    }

    [Theory]
    [InlineData(NpyDType.Float32)]
    [InlineData(NpyDType.Float64)]
    public void Should_RefuseIntegerConversion_When_DTypeIsFloat(NpyDType dtype)
    {
        var array = new NpyArray(dtype, [1], new byte[dtype.ItemSize()], "in.npy");

        var act = () => array.ToInt32();

        act.Should().Throw<EiecException>().WithMessage($"in.npy: dtype '{dtype.Descr()}'*integer dtype is required");
    }

    [Fact]
    public void Should_RoundToNearest_When_ConvertingFloat64ToFloat32()
    {
        NpyArray.FromFloat64([0.1, -2.5, 1e-50]).ToFloat32().Should().Equal(0.1f, -2.5f, 0f);
    }

    [Fact]
    public void Should_ConvertExactly_When_IntegersBecomeFloats()
    {
        NpyArray.FromInt16([-7, 300]).ToFloat32().Should().Equal(-7f, 300f);
        NpyArray.FromInt64([1L << 53]).ToFloat64().Should().Equal(9007199254740992d);
        NpyArray.FromFloat32([1.5f]).ToFloat64().Should().Equal(1.5);
    }

    [Fact]
    public void Should_Flatten_In_C_Order_When_ArrayIs2D()
    {
        var array = NpyArray.FromInt32([1, 2, 3, 4, 5, 6], [2, 3]);

        array.ToInt64().Should().Equal(1, 2, 3, 4, 5, 6);
        array.ShapeText.Should().Be("(2, 3)");
        array.Length.Should().Be(6);
        array.Rank.Should().Be(2);
    }

    [Fact]
    public void Should_RejectFactory_When_ShapeDoesNotMatchValues()
    {
        var act = () => NpyArray.FromFloat32([1f, 2f, 3f], [2, 2]);

        act.Should().Throw<ArgumentException>();
    }
}
