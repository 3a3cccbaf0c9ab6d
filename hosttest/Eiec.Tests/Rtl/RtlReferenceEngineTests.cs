using Eiec.Sim;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// A sample of the RTL cycle comparisons also run against the simulator's reference engine (the
/// others use the default event engine, which EngineEquivalenceTests holds equal to it): a shallow
/// queue that stalls the broadcast on an uneven PE count, and a biased three-layer network run twice
/// without reset (the held sparse-matrix word carries across layers and runs).
/// </summary>
public class RtlReferenceEngineTests
{
    [Theory]
    [InlineData(3, 1, new[] { 50, 37 }, false, 3)]
    [InlineData(4, 1, new[] { 90, 64, 64, 20 }, true, 4)]
    public void Should_take_the_RTL_cycles_When_the_reference_engine_simulates(
        int pes, int fifo, int[] dims, bool bias, int seed)
    {
        var model = Images.Random(seed, dims, 0.15, bias);
        var inputs = new[] { RtlInputs.Dense(dims[0], seed), RtlInputs.Random(dims[0], 0.3, seed + 1, signed: false) };
        var checkedCase = RtlCheck.AgainstGolden(
            $"reference-engine-pes{pes}-fifo{fifo}", model, Images.Small(pes, fifo), inputs);

        var options = new SimOptions { Engine = SimEngine.Reference };
        var reference = new Simulator(checkedCase.Image, options).RunBatch(inputs);
        RtlCheck.FirstCycleDifference(checkedCase.Image, reference, checkedCase.Rtl).Should().BeNull();
        reference.Stats.Layers.Sum(l => l.BroadcastStallCycles)
            .Should().BePositive("a depth-1 queue must stall the broadcast");
    }
}
