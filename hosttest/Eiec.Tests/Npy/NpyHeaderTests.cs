using System.Buffers.Binary;
using System.Text;
using Eiec.Contract.Npy;

namespace Eiec.Tests.Npy;

public class NpyHeaderTests
{
    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 3 })]
    [InlineData(new[] { 1234567 })]
    [InlineData(new[] { 2, 3, 4, 5, 6, 7, 8, 9 })]
    [InlineData(new[] { 0, 2147483647 })]
    public void Should_StartDataAtMultipleOf64_When_Writing(int[] shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var bytes = NpyWriter.ToBytes(new NpyArray(NpyDType.UInt8, shape, new byte[count]));

        var dataOffset = 10 + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        (dataOffset % 64).Should().Be(0);
        bytes.Length.Should().Be((int)(dataOffset + count));
        bytes[dataOffset - 1].Should().Be((byte)'\n');
    }

    [Fact]
    public void Should_WriteNumpysExactHeader_When_ArrayIsFloat32Vector()
    {
        // np.save(f, np.zeros(3, np.float32)) with NumPy 1.24, bytes 0..127.
        var expected = "\x93NUMPY\x01\x00v\x00{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }" +
            new string(' ', 60) + "\n";

        var bytes = NpyWriter.ToBytes(NpyArray.FromFloat32([0f, 0f, 0f]));

        Encoding.Latin1.GetString(bytes, 0, 128).Should().Be(expected);
        bytes.Length.Should().Be(128 + 12);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }")]
    [InlineData("{\"shape\": (2,), \"descr\": \"<f4\", \"fortran_order\": False}")]
    [InlineData("{'descr':'<f4','fortran_order':False,'shape':(2L,)}")]
    [InlineData("  {'descr': '<f4',\n 'fortran_order': False, 'shape': (2,)}  \n")]
    public void Should_AcceptHeader_When_ItIsAValidPythonLiteral(string header)
    {
        var array = NpyReader.Read(NpyBytes.Build(header, new byte[8]), "h.npy");

        array.Shape.Should().Equal(2);
        array.DType.Should().Be(NpyDType.Float32);
    }

    [Theory]
    [InlineData("|u1", NpyDType.UInt8)]
    [InlineData("<u1", NpyDType.UInt8)]
    [InlineData("|i1", NpyDType.Int8)]
    [InlineData("<i1", NpyDType.Int8)]
    [InlineData("<u8", NpyDType.UInt64)]
    public void Should_AcceptBothByteOrderMarks_When_DTypeIsOneByteOrCanonical(string descr, NpyDType expected)
    {
        var size = expected.ItemSize();
        var array = NpyReader.Read(
            NpyBytes.Build($"{{'descr': '{descr}', 'fortran_order': False, 'shape': (3,), }}", new byte[3 * size]),
            "d.npy");

        array.DType.Should().Be(expected);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Should_ReadHeader_When_FormatVersionIs2Or3(byte major)
    {
        var bytes = NpyBytes.Build("{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }", [1, 0, 2, 0], major);

        NpyReader.Read(bytes, "v.npy").ToInt16().Should().Equal(1, 2);
    }

    [Fact]
    public void Should_AcceptFortranOrder_When_ArrayIsOneDimensional()
    {
        var bytes = NpyBytes.Build("{'descr': '<i2', 'fortran_order': True, 'shape': (2,), }", [1, 0, 2, 0]);

        NpyReader.Read(bytes, "f.npy").ToInt16().Should().Equal(1, 2);
    }
}
