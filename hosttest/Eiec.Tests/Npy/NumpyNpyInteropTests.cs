using System.Globalization;
using System.Text.Json;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Npy;

/// <summary>
/// Reads files written by real NumPy (hosttest/fixtures/make_cz_fixture.py) and writes files NumPy reads.
/// </summary>
[Collection(NumpyCollection.Name)]
public class NumpyNpyInteropTests(NumpyFixture numpy)
{
    public static TheoryData<string> NpyFiles() =>
        [
            "f4", "f8", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8",
            "vector_f4", "scalar_f8", "empty_f4", "v2_f4", "v3_f4",
        ];

    [Theory]
    [MemberData(nameof(NpyFiles))]
    public void Should_ReadValuesNumpyWrote_When_FileIsWrittenByNpSave(string name)
    {
        var expected = numpy.Expected.RootElement.GetProperty("npy").GetProperty(name);

        var array = NpyReader.Read(numpy.File(name + ".npy"));

        AssertMatches(array, expected);
    }

    // Versions 2.0/3.0 are only read: we always write 1.0, as np.save does for these shapes.
    public static TheoryData<string> Version1Files() =>
        ["f4", "f8", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "vector_f4", "scalar_f8", "empty_f4"];

    [Theory]
    [MemberData(nameof(Version1Files))]
    public void Should_ReproduceNumpysBytes_When_RewritingAnArrayNumpyWrote(string name)
    {
        var original = File.ReadAllBytes(numpy.File(name + ".npy"));

        NpyWriter.ToBytes(NpyReader.Read(original, name)).Should().Equal(original);
    }

    [Theory]
    [InlineData("arrays.npz")]
    [InlineData("arrays_compressed.npz")]
    public void Should_ReadEveryMember_When_NpzIsWrittenBySavezOrSavezCompressed(string file)
    {
        var expected = numpy.Expected.RootElement.GetProperty("npz");

        var arrays = NpzReader.Read(numpy.File(file));

        arrays.Keys.Should().BeEquivalentTo(expected.EnumerateObject().Select(p => p.Name));
        foreach (var property in expected.EnumerateObject())
            AssertMatches(arrays[property.Name], property.Value);
    }

    [Theory]
    [InlineData("bad_fortran.npy", "Fortran")]
    [InlineData("bad_bigendian.npy", "big-endian dtype '>f4'")]
    public void Should_RejectWithClearMessage_When_NumpyWroteAnUnsupportedLayout(string file, string expected)
    {
        var act = () => NpyReader.Read(numpy.File(file));

        act.Should().Throw<EiecException>().Which.Message.Should().Contain(file).And.Contain(expected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Should_BeLoadableByNumpy_When_NpzIsWrittenByUs(bool compress)
    {
        using var dir = new TempDir();
        var path = dir.File("ours.npz");
        NpzWriter.Write(path, [
            new("w", NpyArray.FromFloat32([1.5f, -2f, 0.25f, 8f], [2, 2])),
            new("idx", NpyArray.FromInt64([long.MinValue, 5])),
            new("codes", NpyArray.FromUInt8([0, 255])),
        ], compress);

        using var dump = JsonDocument.Parse(NumpyPython.Run(RepoPaths.FixtureScript("dump_cz.py"), path));

        var root = dump.RootElement;
        root.GetProperty("w").GetProperty("descr").GetString().Should().Be("<f4");
        root.GetProperty("w").GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(2, 2);
        root.GetProperty("w").GetProperty("values").EnumerateArray().Select(NumpyFixture.ParseValue)
            .Should().Equal(1.5, -2, 0.25, 8);
        root.GetProperty("idx").GetProperty("values").EnumerateArray().Select(v => v.GetString())
            .Should().Equal(long.MinValue.ToString(CultureInfo.InvariantCulture), "5");
        root.GetProperty("codes").GetProperty("descr").GetString().Should().Be("|u1");
    }

    private static void AssertMatches(NpyArray array, JsonElement expected)
    {
        array.Descr.Should().Be(expected.GetProperty("descr").GetString());
        array.Shape.Should().Equal(expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        var values = expected.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToList();
        if (array.DType.IsInteger())
        {
            // Compare integers as text: uint64/int64 extremes do not survive a trip through double.
            var actual = array.DType == NpyDType.UInt64
                ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(array.Data).ToArray()
                    .Select(v => v.ToString(CultureInfo.InvariantCulture))
                : array.ToInt64().Select(v => v.ToString(CultureInfo.InvariantCulture));
            actual.Should().Equal(values);
        }
        else
        {
            array.ToFloat64().Should().Equal(values.Select(v => double.Parse(v, CultureInfo.InvariantCulture)));
        }
    }
}
