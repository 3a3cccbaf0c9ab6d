using CsCheck;
using Eiec.Compiler.Lowering;
using Eiec.Contract.Image;
using Eiec.FrontEnd.Gen;
using Eiec.Golden;
using Eiec.Sim;
using Eiec.Tests.Rtl;
using Eiec.Tests.Support;
using G = CsCheck.Gen;

namespace Eiec.Tests.Compiler;

/// <summary>
/// Load-balance-aware compilation (docs/balancing.md): a row-balanced image computes exactly what the
/// interleaved one computes, keeps every PE's row count, moves rows only within their group of N, is
/// deterministic and survives the trip through image.json, the hex files and image.bin.
/// </summary>
public class RowBalancerTests
{
    // Random multi-layer models: 2 to 4 layers of 1 to 70 neurons, 1 to 16 PEs, uniform or skewed.
    private static readonly Gen<(int Pes, int[] Dims, double Density, double Skew, int Seed)> Cases =
        G.Select(G.Int[1, 16], G.Int[1, 70].Array[2, 5], G.Double[0.05, 0.6], G.Bool.Select(b => b ? 1.0 : 0.0),
            G.Int[1, 1_000_000]);

    [Fact]
    public void Should_compute_the_same_outputs_as_the_unbalanced_image_When_rows_are_balanced()
    {
        Cases.Sample(c =>
        {
            var model = RandomModel.Create(new RandomModelSpec
            {
                Dims = c.Dims, WeightDensity = [c.Density], Seed = c.Seed, Bias = true, Skew = c.Skew,
            });
            var config = Images.Small(c.Pes, 4);
            var none = ImageCompiler.Compile(model, config, 8, "test.cz", BalanceMode.None);
            var rows = ImageCompiler.Compile(model, config, 8, "test.cz", BalanceMode.Rows);
            var input = RtlInputs.Random(c.Dims[0], 0.7, c.Seed);
            var expected = GoldenModel.Run(none, input).Output;
            GoldenModel.Run(rows, input).Output.Should().Equal(expected);
            new Simulator(rows).Run(input).Output.Should().Equal(expected);
        }, iter: 60);
    }

    [Fact]
    public void Should_keep_every_PEs_row_count_and_move_rows_only_within_their_group_When_rows_are_balanced()
    {
        Cases.Sample(c =>
        {
            var layer = RandomModel.Create(new RandomModelSpec
            {
                Dims = c.Dims, WeightDensity = [c.Density], Seed = c.Seed, Skew = c.Skew,
            }).Layers[0];
            var pe = RowBalancer.Place(layer, null, c.Pes, 8, 16, byGroup: c.Seed % 2 == 0);

            OutputMapping.Check(pe, layer.Outputs, c.Pes).Should().BeNull();
            var slots = Enumerable.Range(0, layer.Outputs).Select(i => OutputMapping.Slot(pe, c.Pes, i)).ToArray();
            slots.Order().Should().Equal(Enumerable.Range(0, layer.Outputs), "a permutation of the slots 0..O-1");
            for (int k = 0; k < c.Pes; k++)
                slots.Count(s => s % c.Pes == k).Should().Be(
                    Enumerable.Range(0, layer.Outputs).Count(i => i % c.Pes == k),
                    $"PE {k} keeps the row count of row i on PE i mod N");
            slots.Select(s => s / c.Pes).Should().Equal(Enumerable.Range(0, layer.Outputs).Select(i => i / c.Pes),
                "every row keeps its local row");
        }, iter: 100);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Should_pair_heavy_rows_with_light_ones_When_the_interleaved_layout_piles_them_up(bool byGroup)
    {
        // 8 rows on 4 PEs (2 groups); rows 0, 1, 4, 5 have 10 weights, rows 2, 3, 6, 7 one. Interleaved, PEs 0 and
        // 1 get 20 entries and PEs 2 and 3 get 2; balanced, every PE gets one heavy and one light row: 11 each.
        int[] weights = [10, 10, 1, 1, 10, 10, 1, 1];
        var indptr = new int[11];
        var indices = new List<int>();
        for (int j = 0; j < 10; j++)
        {
            for (int r = 0; r < 8; r++)
                if (j < weights[r]) indices.Add(r);
            indptr[j + 1] = indices.Count;
        }
        var layer = new Eiec.Contract.Cz.CzLayer
        {
            Name = "hand", Inputs = 10, Outputs = 8, Activation = Eiec.Contract.Cz.LayerActivation.None,
            IndPtr = indptr, Indices = [.. indices], Codes = [.. indices.Select(_ => (byte)1)], Codebook = [0f, 1f],
        };
        var pe = RowBalancer.Place(layer, null, 4, 8, 16, byGroup);

        var totals = new int[4];
        for (int r = 0; r < 8; r++) totals[pe[r]] += weights[r];
        totals.Should().Equal(11, 11, 11, 11);
    }

    [Fact]
    public void Should_give_identical_bytes_When_the_same_model_is_built_twice()
    {
        var model = RandomModel.Create(new RandomModelSpec
        {
            Dims = [90, 64, 30], WeightDensity = [0.3], Seed = 11, Bias = true, Skew = 1.0,
        });
        var config = Images.Small(8);
        var a = ImageBinaryWriter.ToBytes(ImageCompiler.Compile(model, config, 8, "test.cz", BalanceMode.Rows));
        var b = ImageBinaryWriter.ToBytes(ImageCompiler.Compile(model, config, 8, "test.cz", BalanceMode.Rows));
        a.Should().Equal(b);
    }

    [Fact]
    public void Should_read_the_output_map_back_from_hex_and_image_bin_When_a_balanced_image_is_written()
    {
        using var tmp = new TempDir();
        var model = RandomModel.Create(new RandomModelSpec
        {
            Dims = [50, 37, 21], WeightDensity = [0.4], Seed = 3, Bias = true, Skew = 1.0,
        });
        var config = Images.Small(4);
        var compiled = ImageCompiler.Compile(model, config, 8, "test.cz", BalanceMode.Rows);
        var dir = tmp.File("image");
        Images.CompileToDisk(model, config, dir, balance: BalanceMode.Rows);

        var hex = ImageReader.Read(dir, ImageSource.Hex);
        var bin = ImageReader.Read(dir, ImageSource.Binary);
        hex.OutputMap.Should().Equal(compiled.OutputMap);
        bin.OutputMap.Should().Equal(compiled.OutputMap);
        hex.Manifest.Balance.Should().Be("rows");
        LayerTableWord.Decode(hex.LayerTable[^1]).OutputMap.Should().BeTrue("the last layer is flagged");
        LayerTableWord.Decode(hex.LayerTable[0]).OutputMap.Should().BeFalse();
        File.ReadAllLines(Path.Combine(dir, ImageFiles.OutMap)).Should().HaveCount(config.OutMapDepth);
    }

    [Fact]
    public void Should_write_no_output_map_When_the_image_is_not_balanced()
    {
        using var tmp = new TempDir();
        var model = Images.Random(3, [50, 21], 0.4);
        var dir = tmp.File("image");
        var image = Images.CompileToDisk(model, Images.Small(4), dir);

        image.OutputMap.Should().BeNull();
        image.Manifest.Balance.Should().BeNull();
        File.Exists(Path.Combine(dir, ImageFiles.OutMap)).Should().BeFalse();
        File.ReadAllText(Path.Combine(dir, ImageFiles.Manifest)).Should().NotContain("balance");
    }

    [Fact]
    public void Should_refuse_an_output_map_that_is_not_a_permutation_of_its_group()
    {
        using var tmp = new TempDir();
        var model = Images.Random(4, [30, 12], 0.4);
        var dir = tmp.File("image");
        Images.CompileToDisk(model, Images.Small(4), dir, balance: BalanceMode.Rows);
        var path = Path.Combine(dir, ImageFiles.OutMap);
        var lines = File.ReadAllLines(path);
        lines[1] = lines[0];   // two elements of group 0 on the same PE
        File.WriteAllLines(path, lines);

        var act = () => ImageReader.Read(dir, ImageSource.Hex);
        act.Should().Throw<Eiec.Contract.Diagnostics.EiecException>().WithMessage("*out_map*appears twice*");
    }
}
