using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;

namespace Eiec.Tests.Npy;

public class NpyReaderErrorTests
{
    private const string Source = "inputs/x.npy";

    private static string ErrorOf(byte[] bytes)
    {
        var act = () => NpyReader.Read(bytes, Source);
        var message = act.Should().Throw<EiecException>().Which.Message;
        message.Should().StartWith(Source + ": ");
        return message;
    }

    private static byte[] Good() => NpyWriter.ToBytes(NpyArray.FromFloat32([1f, 2f, 3f]));

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U' })]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0, 0, 0 })]
    public void Should_RejectFile_When_MagicIsMissing(byte[] bytes)
    {
        ErrorOf(bytes).Should().Contain("not a .npy file");
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    public void Should_NameSupportedVersions_When_FormatVersionIsUnknown(byte major, byte minor)
    {
        var bytes = Good();
        bytes[6] = major;
        bytes[7] = minor;

        ErrorOf(bytes).Should().Contain($"version {major}.{minor}").And.Contain("1.0, 2.0 and 3.0");
    }

    [Fact]
    public void Should_RejectArray_When_FortranOrderIsTrueFor2D()
    {
        ErrorOf(NpyBytes.Build(NpyBytes.Header("<f4", "(2, 2)", "True"), new byte[16]))
            .Should().Contain("Fortran").And.Contain("(2, 2)");
    }

    [Theory]
    [InlineData(">f4", "big-endian")]
    [InlineData(">i8", "big-endian")]
    [InlineData("|O", "object dtype")]
    [InlineData("<c8", "unsupported dtype '<c8'")]
    [InlineData("<f2", "unsupported dtype '<f2'")]
    [InlineData("|b1", "unsupported dtype '|b1'")]
    [InlineData("<U3", "unsupported dtype '<U3'")]
    [InlineData("|f4", "unsupported dtype '|f4'")]
    [InlineData("=f4", "unsupported dtype '=f4'")]
    public void Should_RejectDType_When_ItIsNotSupported(string descr, string expected)
    {
        ErrorOf(NpyBytes.Build(NpyBytes.Header(descr, "(1,)"), new byte[8])).Should().Contain(expected);
    }

    [Fact]
    public void Should_RejectStructuredDType_When_DescrIsAList()
    {
        ErrorOf(NpyBytes.Build("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", new byte[4]))
            .Should().Contain("structured");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    public void Should_ReportExpectedAndActualBytes_When_DataIsTruncated(int missing)
    {
        var bytes = Good();

        ErrorOf(bytes[..^missing]).Should().Contain("truncated").And.Contain("(3,)").And.Contain("12 bytes")
            .And.Contain($"only {12 - missing} byte");
    }

    [Fact]
    public void Should_RejectFile_When_DataIsLongerThanTheShape()
    {
        ErrorOf([.. Good(), 0, 0, 0, 0]).Should().Contain("4 unexpected byte(s)");
    }

    [Theory]
    [InlineData(9)]
    [InlineData(40)]
    public void Should_RejectFile_When_HeaderIsTruncated(int length)
    {
        ErrorOf(Good()[..length]).Should().Contain("truncated");
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False}", "missing key(s) 'shape'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}", "unexpected key 'extra'")]
    [InlineData("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", "appears twice")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}", "'fortran_order' must be True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': [1]}", "'shape' must be a tuple")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1)}", "'shape' must be a tuple")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}", "out of range")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': ('1',)}", "not an integer")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)", "malformed")]
    [InlineData("{'descr': '<f4' 'fortran_order': False, 'shape': (1,)}", "malformed")]
    [InlineData("{'descr': '<f4', 'fortran_order': false, 'shape': (1,)}", "unexpected name 'false'")]
    [InlineData("['descr', '<f4']", "not a dictionary")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} x", "unexpected text")]
    [InlineData("", "unexpected end")]
    public void Should_RejectHeader_When_ItIsNotExactlyTheThreeKeys(string header, string expected)
    {
        ErrorOf(NpyBytes.Build(header, new byte[4])).Should().Contain(expected);
    }

    [Fact]
    public void Should_RejectArray_When_ShapeIsTooLargeForMemory()
    {
        ErrorOf(NpyBytes.Build(NpyBytes.Header("<f8", "(100000, 100000)"), new byte[8])).Should().Contain("too large");
    }

    [Fact]
    public void Should_NotAllocateForTheHeaderShape_When_StreamIsShorter()
    {
        // 1.6 GB declared, 8 bytes present: must fail fast on the length check.
        ErrorOf(NpyBytes.Build(NpyBytes.Header("<f4", "(400000000,)"), new byte[8])).Should().Contain("truncated");
    }

    [Fact]
    public void Should_NameTheFile_When_FileDoesNotExist()
    {
        var act = () => NpyReader.Read("/nonexistent/dir/a.npy");

        act.Should().Throw<EiecException>().WithMessage("/nonexistent/dir/a.npy: cannot read*");
    }
}
