using Eiec.Sim;
using Eiec.Tests.Support;

namespace Eiec.Tests.Sim;

/// <summary>
/// The event-time SCAN engine (the default) against the per-cycle unit models (the reference
/// engine): identical cycles, outputs and every statistic, over many random networks and inputs.
/// </summary>
public sealed class EngineEquivalenceTests
{
    private static readonly double[] InputDensities = [0.0, 0.1, 0.5, 1.0];

    [Fact]
    public void Should_use_the_event_engine_When_no_engine_is_chosen()
    {
        new SimOptions().Engine.Should().Be(SimEngine.Event);
        default(SimEngine).Should().Be(SimEngine.Event);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Should_match_the_reference_engine_exactly_When_simulating_random_networks(int block)
    {
        var rng = new Random(block);
        for (int c = 0; c < 12; c++)
        {
            int seed = block * 100 + c;
            int pes = new[] { 1, 2, 3, 4, 5, 8, 16 }[rng.Next(7)];
            int depth = new[] { 1, 2, 3, 4, 8 }[rng.Next(5)];
            int layers = 1 + rng.Next(3);
            var dims = Enumerable.Range(0, layers + 1).Select(_ => 8 + rng.Next(90)).ToArray();
            double density = new[] { 0.02, 0.1, 0.3, 0.7 }[rng.Next(4)];
            using var tmp = new TempDir();
            var config = (Images.Small(pes, depth) with { SpmatSramBytes = 64 * 1024, PointerSramBytes = 8 * 1024 })
                .Validated();
            var image = SimHarness.Image(tmp, Images.Random(seed, dims, density, bias: rng.Next(2) == 0), config);
            var inputs = Enumerable.Range(0, 3)
                .Select(i => SimHarness.Input(dims[0], InputDensities[rng.Next(4)], seed * 7 + i))
                .ToList();
            var fast = new Simulator(image).RunBatch(inputs);
            var reference = new Simulator(image, new SimOptions { Engine = SimEngine.Reference }).RunBatch(inputs);
            string what = $"case {seed}: {pes} PEs, depth {depth}, dims [{string.Join(", ", dims)}], density {density}";
            for (int r = 0; r < inputs.Count; r++)
            {
                fast.Results[r].LayerOutputs
                    .Should().BeEquivalentTo(reference.Results[r].LayerOutputs, o => o.WithStrictOrdering(), what);
                fast.Results[r].Stats
                    .Should().BeEquivalentTo(reference.Results[r].Stats, o => o.WithStrictOrdering(), what);
            }
            fast.Stats.Should().BeEquivalentTo(reference.Stats, o => o.WithStrictOrdering(), what);
        }
    }
}
