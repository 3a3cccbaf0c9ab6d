using CsCheck;
using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Image;
using Eiec.Contract.Npy;
using Eiec.FrontEnd.Gen;
using Eiec.Golden;
using Eiec.Sim;
using Eiec.Tests.Rtl;
using Eiec.Tests.Support;
using Eiec.Toolchain;
using G = CsCheck.Gen;

namespace Eiec.Tests.Compiler;

/// <summary>
/// Calibrated balancing and the local search (`eiec build --calibration`, `--balance search`, docs/balancing.md):
/// they move rows, never change what the image computes, never make the estimate worse, are deterministic, and a
/// bad calibration file is one clear error with nothing written.
/// </summary>
public class CalibratedBalanceTests
{
    // Random multi-layer models: 2 to 4 layers of 1 to 70 neurons, 1 to 16 PEs, uniform or skewed.
    private static readonly Gen<(int Pes, int[] Dims, double Density, double Skew, int Seed)> Cases =
        G.Select(G.Int[1, 16], G.Int[1, 70].Array[2, 5], G.Double[0.05, 0.6], G.Bool.Select(b => b ? 1.0 : 0.0),
            G.Int[1, 1_000_000]);

    /// <summary>Per layer, a random keep probability per column: some never kept, some always.</summary>
    private static ColumnActivity RandomActivity(CzModel model, int seed)
    {
        var rng = new Random(seed);
        return new ColumnActivity(model.Layers.Select(l => Enumerable.Range(0, l.Inputs).Select(_ => rng.Next(4) switch
        {
            0 => 0.0,
            1 => 1.0,
            _ => rng.NextDouble(),
        }).ToArray()).ToArray(), 1);
    }

    [Fact]
    public void Should_compute_the_same_outputs_but_move_rows_When_the_build_is_calibrated_or_searched()
    {
        int moved = 0;
        Cases.Sample(c =>
        {
            var model = RandomModel.Create(new RandomModelSpec
            {
                Dims = c.Dims, WeightDensity = [c.Density], Seed = c.Seed, Bias = true, Skew = c.Skew,
            });
            var config = Images.Small(c.Pes, 4);
            var activity = RandomActivity(model, c.Seed);
            var none = ImageCompiler.Compile(model, config, 8, "test.cz", BalanceMode.None);
            var rows = ImageCompiler.Compile(model, config, 8, "test.cz", BalanceMode.Rows);
            var input = RtlInputs.Random(c.Dims[0], 0.7, c.Seed);
            var expected = GoldenModel.Run(none, input).Output;
            foreach (var (mode, calibrated) in new[]
                     {
                         (BalanceMode.Rows, activity), (BalanceMode.Search, null), (BalanceMode.Search, activity),
                     })
            {
                var image = ImageCompiler.Compile(model, config, 8, "test.cz", mode, calibrated);
                GoldenModel.Run(image, input).Output.Should()
                    .Equal(expected, $"{mode}, calibrated {calibrated is not null}");
                new Simulator(image).Run(input).Output.Should().Equal(expected);
                OutputMapping.Check(image.OutputMap!, c.Dims[^1], c.Pes).Should().BeNull();
                if (!image.OutputMap!.SequenceEqual(rows.OutputMap!)) Interlocked.Increment(ref moved);
            }
        }, iter: 40, threads: 1);
        moved.Should().BePositive("calibration and search must be able to choose another placement than rows");
    }

    [Fact]
    public void Should_never_raise_the_estimate_and_keep_every_row_in_its_group_When_the_search_refines()
    {
        Cases.Sample(c =>
        {
            var layer = RandomModel.Create(new RandomModelSpec
            {
                Dims = c.Dims, WeightDensity = [c.Density], Seed = c.Seed, Skew = c.Skew,
            }).Layers[0];
            var coding = Images.Small(c.Pes).Entries;
            var keep = RandomActivity(new CzModel("m", [layer]), c.Seed).KeepProbability[0];
            var search = new RowSearch(layer, null, c.Pes, 4, coding, keep, 0);
            var start = RowBalancer.Place(layer, null, c.Pes, 16, coding.PaddingRun, byGroup: true);
            var refined = search.Refine(start, out long before, out long after);

            OutputMapping.Check(refined, layer.Outputs, c.Pes).Should().BeNull();
            long startEstimate = search.Estimate(Encode(layer, start, c.Pes, coding));
            long refinedEstimate = search.Estimate(Encode(layer, refined, c.Pes, coding));
            refinedEstimate.Should().BeLessThanOrEqualTo(startEstimate);
            (before, after).Should()
                .Be((startEstimate, refinedEstimate), "the search's own figures are the estimate's");
        }, iter: 60, threads: 1);
    }

    private static EncodedLayer Encode(CzLayer layer, int[] pe, int pes, EntryCoding coding) =>
        LayerEncoder.Encode(layer, pes, coding,
            Enumerable.Range(0, pe.Length).Select(i => OutputMapping.Slot(pe, pes, i)).ToArray(), null);

    [Fact]
    public void Should_count_two_cycles_more_than_the_entries_When_one_PE_takes_one_column()
    {
        // One column with 5 entries on PE 0 of 2: broadcast in cycle 0, popped in 2, taken in 3, issuing 4..8.
        ScanEstimate.Active([5, 0], 2, [0], 8).Should().Be(8);
        // Two columns of 3 and 2 on one PE: the second is taken when the first's entries end (3 + 3 = 6).
        ScanEstimate.Active([3, 2], 1, [0, 1], 8).Should().Be(8);
    }

    [Fact]
    public void Should_give_identical_bytes_When_the_same_calibrated_search_build_runs_twice()
    {
        var model = RandomModel.Create(new RandomModelSpec
        {
            Dims = [90, 64, 30], WeightDensity = [0.3], Seed = 12, Bias = true, Skew = 1.0,
        });
        var config = Images.Small(8);
        var activity = RandomActivity(model, 5);
        var a = ImageBinaryWriter.ToBytes(
            ImageCompiler.Compile(model, config, 8, "t.cz", BalanceMode.Search, activity));
        var b = ImageBinaryWriter.ToBytes(ImageCompiler.Compile(model, config, 8, "t.cz", BalanceMode.Search,
            RandomActivity(model, 5)));
        a.Should().Equal(b);
    }

    [Fact]
    public void Should_measure_how_often_each_column_is_non_zero_When_built_with_a_calibration_file()
    {
        using var tmp = new TempDir();
        var model = Images.Random(3, [6, 5], 0.8);
        string cz = tmp.File("m.cz");
        CzWriter.Write(model, cz);
        // Column 0 non-zero in 2 of 4 vectors, column 5 in all, the others never.
        var x = new float[4 * 6];
        x[0] = 1; x[6] = 0.5f; x[5] = 1; x[11] = 1; x[17] = 0.25f; x[23] = 2;
        string npy = tmp.File("cal.npy");
        NpyWriter.WriteFile(npy, NpyArray.FromFloat32(x, [4, 6]));
        var activity = Eiec.Toolchain.Build.Calibration.Measure(model, Images.Small(2), 8, cz, npy);
        activity.Vectors.Should().Be(4);
        activity.KeepProbability[0].Should().Equal(0.5, 0, 0, 0, 0, 1);
    }

    [Theory]
    [InlineData("length")]
    [InlineData("not-npy")]
    [InlineData("nan")]
    [InlineData("none")]
    public void Should_fail_with_one_message_naming_the_file_and_write_nothing_When_the_calibration_is_bad(
        string fault)
    {
        using var tmp = new TempDir();
        var model = Images.Random(3, [6, 5], 0.8);
        string cz = tmp.File("m.cz"), npy = tmp.File("cal.npy"), output = tmp.File("out");
        CzWriter.Write(model, cz);
        var balance = BalanceMode.Rows;
        switch (fault)
        {
            case "length": NpyWriter.WriteFile(npy, NpyArray.FromFloat32(new float[7])); break;
            case "not-npy": File.WriteAllText(npy, "1,2,3,4,5,6\n"); break;
            case "nan": NpyWriter.WriteFile(npy, NpyArray.FromFloat32([1, 0, float.NaN, 0, 0, 1])); break;
            default:
                NpyWriter.WriteFile(npy, NpyArray.FromFloat32(new float[6]));
                balance = BalanceMode.None;
                break;
        }
        var act = () => EiecToolchain.Build(cz, Images.Small(2), output, balance: balance, calibrationPath: npy);
        var error = act.Should().Throw<EiecException>().Which.Message;
        error.Should().Contain(npy).And.NotContain("\n");
        error.Should().Contain(fault switch
        {
            "length" => "7 elements",
            "nan" => "NaN",
            "none" => "--balance",
            _ => ".npy",
        });
        Directory.Exists(output).Should().BeFalse("a failed build writes nothing");
    }
}
