using Eiec.Sim;
using Eiec.Tests.Support;

namespace Eiec.Tests.Sim;

/// <summary>
/// A batch split over cores returns exactly what one array running it back to back returns: the same
/// outputs, cycles and every statistic, per vector and in total, on both engines and for any number of
/// jobs. One job is the plain back-to-back loop, the reference here.
/// </summary>
public sealed class ParallelBatchTests
{
    [Theory]
    [InlineData(SimEngine.Event)]
    [InlineData(SimEngine.Reference)]
    public void Should_equal_the_back_to_back_run_When_a_batch_runs_on_several_jobs(SimEngine engine)
    {
        var rng = new Random(11);
        bool heldWordMattered = false;
        for (int c = 0; c < 6; c++)
        {
            int pes = new[] { 1, 2, 3, 4 }[c % 4];
            var dims = new[] { 6 + rng.Next(20), 4 + rng.Next(12), 3 + rng.Next(8) };
            using var tmp = new TempDir();
            var image = SimHarness.Image(tmp, Images.Random(c, dims, 0.3, bias: true), Images.Small(pes, 2));
            // Repeated vectors end where the next one starts: the held word saves a read back to back,
            // which a piece starting from reset does not see unless the pieces are stitched together.
            var distinct = Enumerable.Range(0, 3).Select(i => SimHarness.Input(dims[0], 0.6, 100 * c + i)).ToArray();
            var inputs = Enumerable.Range(0, 41).Select(i => distinct[i % 7 == 0 ? 0 : i % 3]).ToList();
            var simulator = new Simulator(image, new SimOptions { Engine = engine });
            var serial = simulator.RunBatch(inputs, jobs: 1);
            string what = $"case {c}: {pes} PEs, dims [{string.Join(", ", dims)}], {engine}";
            foreach (int jobs in new[] { 2, 3, 16 })
            {
                int reported = 0;
                var parallel = simulator.RunBatch(inputs, jobs, done => Interlocked.Increment(ref reported));
                reported.Should().Be(inputs.Count, $"{what}: one progress call per vector");
                for (int r = 0; r < inputs.Count; r++)
                {
                    parallel.Results[r].LayerOutputs.Should().BeEquivalentTo(serial.Results[r].LayerOutputs,
                        o => o.WithStrictOrdering(), $"{what}, {jobs} jobs, vector {r}");
                    parallel.Results[r].Stats.Should().BeEquivalentTo(serial.Results[r].Stats,
                        o => o.WithStrictOrdering(), $"{what}, {jobs} jobs, vector {r}");
                }
                parallel.Stats.Should()
                    .BeEquivalentTo(serial.Stats, o => o.WithStrictOrdering(), $"{what}, {jobs} jobs");
            }
            long alone = inputs.Sum(v => simulator.Run(v).Stats.Layers.Sum(l => l.PeStats.Sum(p => p.SpmatWordReads)));
            long backToBack = serial.Stats.Layers.Sum(l => l.PeStats.Sum(p => p.SpmatWordReads));
            heldWordMattered |= backToBack < alone;
        }
        heldWordMattered.Should().BeTrue("the cases must exercise the held word carried between inferences");
    }

    [Fact]
    public void Should_refuse_zero_jobs()
    {
        using var tmp = new TempDir();
        var image = SimHarness.Image(tmp, Images.Random(1, [8, 4], 0.5, bias: false), Images.Small(2, 2));
        var act = () => new Simulator(image).RunBatch([SimHarness.Input(8, 0.5, 1)], jobs: 0);
        act.Should().Throw<Eiec.Contract.Diagnostics.EiecException>().WithMessage("*--jobs 0*at least 1*");
    }
}
