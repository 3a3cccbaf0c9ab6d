using Eiec.Contract.Cz;
using Eiec.Contract.Image;
using Eiec.Tests.Support;

namespace Eiec.Tests.Compiler;

/// <summary>
/// Checks the image on disk against an independent encoder written from the architecture document:
/// it works from the dense matrix, PE by PE and column by column, not from the CSC arrays the
/// compiler walks.
/// </summary>
public class ImageEncodingTests
{
    public static TheoryData<int, int, int, double> Cases => new()
    {
        { 1, 40, 23, 0.3 }, { 3, 50, 37, 0.2 }, { 4, 64, 64, 0.05 }, { 8, 33, 100, 0.1 },
        { 16, 97, 130, 0.02 }, { 64, 200, 300, 0.04 }, { 7, 10, 500, 0.01 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_store_every_weight_and_padding_entry_When_compared_with_an_independent_encoder(
        int pes, int inputs, int outputs, double density)
    {
        using var tmp = new TempDir();
        var model = Images.Random(pes * 7 + inputs, [inputs, outputs], density);
        var image = Images.CompileToDisk(model, Images.Small(pes), tmp.File("img"));
        var layer = model.Layers[0];
        var dense = Dense(layer);
        var info = image.Layers[0];
        long padding = 0;
        for (int k = 0; k < pes; k++)
        {
            var expected = new List<int>();
            var expectedPtr = new List<int> { 0 };
            for (int j = 0; j < inputs; j++)
            {
                int zeros = 0;
                for (int i = k; i < outputs; i += pes)
                {
                    if (dense[i, j] < 0) { zeros++; continue; }
                    for (; zeros > 15; zeros -= 16) { expected.Add(15 << 4); padding++; }
                    expected.Add(zeros << 4 | dense[i, j]);
                    zeros = 0;
                }
                expectedPtr.Add(expected.Count);
            }
            var mem = image.Pes[k];
            var ptr = Enumerable.Range(0, inputs + 1).Select(i => (int)mem.Pointer(info.PtrBase, i)).ToList();
            ptr.Should().Equal(expectedPtr, $"pointers of PE {k}");
            var stored = Enumerable.Range(0, expected.Count)
                .Select(e => (int)(mem.Spmat[info.SpmatBase + e / 8] >> (e % 8 * 8) & 0xFF)).ToList();
            stored.Should().Equal(expected, $"entries of PE {k}");
            info.EntriesPerPe[k].Should().Be(expected.Count);
        }
        info.Padding.Should().Be(padding);
        info.NonZeros.Should().Be(layer.NonZeros);
    }

    [Fact]
    public void Should_give_byte_identical_files_When_rebuilt()
    {
        using var tmp = new TempDir();
        var model = Images.Random(5, [60, 50, 10], 0.2, bias: true);
        Images.CompileToDisk(model, Images.Small(4), tmp.File("a"));
        Images.CompileToDisk(model, Images.Small(4), tmp.File("b"));
        var a = Directory.GetFiles(tmp.File("a"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(tmp.File("a"), f)).Order().ToList();
        var b = Directory.GetFiles(tmp.File("b"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(tmp.File("b"), f)).Order().ToList();
        a.Should().Equal(b);
        a.Should().Contain(ImageFiles.Manifest);
        foreach (var f in a)
            File.ReadAllBytes(Path.Combine(tmp.File("a"), f))
                .Should().Equal(File.ReadAllBytes(Path.Combine(tmp.File("b"), f)), f);
    }

    [Fact]
    public void Should_pad_every_memory_file_to_its_full_depth_When_written()
    {
        using var tmp = new TempDir();
        var image = Images.CompileToDisk(Images.Random(2, [30, 20], 0.3), Images.Small(2), tmp.File("img"));
        foreach (var m in image.Manifest.Memories)
        {
            var lines = File.ReadAllLines(Path.Combine(tmp.File("img"), m.File));
            lines.Should().HaveCount(m.Depth, m.File);
            lines.Should().OnlyContain(l => l.Length == (m.Width + 3) / 4 && l.All(Uri.IsHexDigit), m.File);
            lines.Skip(m.Used).Should().OnlyContain(l => l.All(c => c == '0'), m.File);
        }
    }

    /// <summary>Code of each weight, −1 where W is zero (not stored).</summary>
    private static int[,] Dense(CzLayer layer)
    {
        var d = new int[layer.Outputs, layer.Inputs];
        for (int i = 0; i < layer.Outputs; i++) for (int j = 0; j < layer.Inputs; j++) d[i, j] = -1;
        for (int j = 0; j < layer.Inputs; j++)
            for (int e = layer.IndPtr[j]; e < layer.IndPtr[j + 1]; e++) d[layer.Indices[e], j] = layer.Codes[e];
        return d;
    }
}
