using Eiec.FrontEnd.Gen;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// Seeded random networks over PE counts (powers of two and not), queue depths, shapes (including
/// widths below and not a multiple of N), densities and bias: RTL equals golden, every layer.
/// The case list is fixed by its seed, so a failure reproduces by its number.
/// </summary>
public class RtlRandomSweepTests
{
    private static readonly int[] PeChoices = [1, 2, 3, 4, 5, 7, 8, 13, 16, 64];
    private static readonly int[] DepthChoices = [1, 2, 3, 8];
    private static readonly double[] Densities = [0.02, 0.05, 0.1, 0.3, 0.7];

    public static TheoryData<int> Cases
    {
        get
        {
            var data = new TheoryData<int>();
            for (int i = 0; i < 60; i++) data.Add(i);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_equal_the_golden_model_When_a_seeded_random_network_runs(int index)
    {
        var rng = new Random(1000 + index);
        int pes = PeChoices[rng.Next(PeChoices.Length)];
        int fifo = DepthChoices[rng.Next(DepthChoices.Length)];
        int layers = rng.Next(1, 5);
        var dims = Enumerable.Range(0, layers + 1).Select(_ => rng.Next(1, 30 * Math.Min(pes, 8) + 20)).ToArray();
        double density = Densities[rng.Next(Densities.Length)];
        bool bias = rng.Next(2) == 1;
        var model = RandomModel.Create(new RandomModelSpec
        {
            Dims = dims, WeightDensity = [density], Seed = index, Bias = bias,
        });
        var inputs = new[] { RtlInputs.Random(dims[0], 0.6, index),
            RtlInputs.Random(dims[0], 0.2, index + 1, signed: false) };

        int stall = index % 3 == 0 ? 7 + index : 0; // every third case with back-pressure on both streams

        RtlCheck.AgainstGolden($"sweep{index}-pes{pes}-fifo{fifo}-{string.Join('x', dims)}-d{density}-bias{bias}",
            model, Images.Small(pes, fifo), inputs, stall);
    }
}
