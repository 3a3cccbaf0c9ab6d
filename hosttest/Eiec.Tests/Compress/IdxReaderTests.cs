using System.IO.Compression;
using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Datasets;
using Eiec.Tests.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Compress;

public sealed class IdxReaderTests
{
    private static byte[] Idx(byte rank, int[] dims, byte[] data)
    {
        var bytes = new List<byte> { 0, 0, 8, rank };
        foreach (var d in dims) bytes.AddRange(new[] { (byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d });
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    [Fact]
    public void Should_read_images_and_labels_When_files_are_gzipped_or_plain()
    {
        using var dir = new TempDir();
        var pixels = Enumerable.Range(0, 2 * 3 * 2).Select(i => (byte)(i * 20)).ToArray();
        using (var gz = new GZipStream(File.Create(dir.File("train-images-idx3-ubyte.gz")), CompressionLevel.Optimal))
            gz.Write(Idx(3, [2, 3, 2], pixels));
        File.WriteAllBytes(dir.File("train-labels-idx1-ubyte"), Idx(1, [2], [7, 1]));

        var data = DatasetLoader.LoadIdx(dir.Path, "train");

        data.Count.Should().Be(2);
        data.Features.Should().Be(6);
        data.X[5].Should().Be(100 / 255f);
        data.Labels.Should().Equal(7, 1);
    }

    [Fact]
    public void Should_name_file_When_label_count_differs_from_image_count()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("t10k-images-idx3-ubyte"), Idx(3, [2, 1, 1], [1, 2]));
        File.WriteAllBytes(dir.File("t10k-labels-idx1-ubyte"), Idx(1, [3], [0, 1, 2]));

        var act = () => DatasetLoader.LoadIdx(dir.Path, "t10k");

        act.Should().Throw<EiecException>().Which.Message.Should().Contain("t10k-labels-idx1-ubyte")
            .And.Contain("3 labels").And.Contain("2 images");
    }
}
