using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Npy;

public class NpzTests
{
    private static readonly KeyValuePair<string, NpyArray>[] Arrays =
    [
        new("input", NpyArray.FromFloat32([0.5f, -1f, 2f, 3f], [2, 2])),
        new("labels", NpyArray.FromInt64([3, 1])),
        new("fc1/codes", NpyArray.FromUInt8([1, 2, 15])),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Should_ReturnSameArraysInOrder_When_WrittenAndReadBack(bool compress)
    {
        var bytes = NpzWriter.ToBytes(Arrays, compress);
        var back = NpzReader.Read(new MemoryStream(bytes), "a.npz");

        back.Keys.Should().Equal("input", "labels", "fc1/codes");
        foreach (var (key, array) in Arrays)
        {
            back[key].Descr.Should().Be(array.Descr);
            back[key].Shape.Should().Equal(array.Shape);
            back[key].Data.ToArray().Should().Equal(array.Data.ToArray());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Should_WriteIdenticalFiles_When_WritingTwice(bool compress)
    {
        using var dir = new TempDir();
        NpzWriter.Write(dir.File("a.npz"), Arrays, compress);
        NpzWriter.Write(dir.File("b.npz"), Arrays, compress);

        File.ReadAllBytes(dir.File("a.npz")).Should().Equal(File.ReadAllBytes(dir.File("b.npz")));
        NpzReader.Read(dir.File("a.npz")).Should().HaveCount(3);
    }

    [Fact]
    public void Should_NameTheMember_When_ArchiveHoldsANonNpyMember()
    {
        var bytes = ZipBytes(("a.npy", NpyWriter.ToBytes(NpyArray.FromUInt8([1]))), ("notes.txt", "hi"u8.ToArray()));

        var act = () => NpzReader.Read(new MemoryStream(bytes), "x.npz");

        act.Should().Throw<EiecException>().WithMessage("x.npz: member 'notes.txt': not a NumPy array*");
    }

    [Fact]
    public void Should_NameTheMember_When_MemberIsATruncatedNpy()
    {
        var bytes = ZipBytes(("w.npy", NpyWriter.ToBytes(NpyArray.FromFloat32([1f, 2f]))[..^3]));

        var act = () => NpzReader.Read(new MemoryStream(bytes), "x.npz");

        act.Should().Throw<EiecException>().WithMessage("x.npz: member 'w.npy': truncated .npy data*");
    }

    [Fact]
    public void Should_Reject_When_FileIsNotAZip()
    {
        var act = () => NpzReader.Read(new MemoryStream(NpyWriter.ToBytes(NpyArray.FromUInt8([1]))), "x.npz");

        act.Should().Throw<EiecException>().WithMessage("x.npz: not a valid .npz archive*");
    }

    [Fact]
    public void Should_RejectWriting_When_KeysRepeat()
    {
        var act = () => NpzWriter.ToBytes([Arrays[0], Arrays[0]]);

        act.Should().Throw<ArgumentException>();
    }

    private static byte[] ZipBytes(params (string Name, byte[] Data)[] members)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(
                   buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, data) in members)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(data);
            }
        return buffer.ToArray();
    }
}
