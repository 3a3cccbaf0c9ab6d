using Eiec.Contract.Config;
using Eiec.Contract.Image;
using Eiec.FrontEnd.Gen;
using Eiec.Golden;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// eie_axi_top under Icarus (docs/axi.md): models loaded at run time through the AXI4-Lite load path from
/// image.bin, vectors through the streams, results compared with the golden model bit for bit.
/// </summary>
public class RtlAxiTopTests
{
    private static readonly AccelConfig Config = Images.Small(4);
    private static readonly int[] InputScales = [3000, 40];
    private static readonly Lazy<AxiBench> Bench = new(() => AxiBench.Compile(Config));

    /// <summary>Two models of the one configuration: different layer counts, shapes and weights.</summary>
    private static (CompiledImage Image, byte[] Bin) Model(int which)
    {
        var model = which == 0
            ? Images.Random(21, [40, 30, 10], 0.3, bias: true)
            : Images.Random(22, [27, 50, 19, 13], 0.25, bias: true);
        using var tmp = new TempDir();
        var image = Images.CompileToDisk(model, Config, tmp.File("img"));
        return (image, File.ReadAllBytes(tmp.File("img/image.bin")));
    }

    private static short[][] Inputs(int seed, int length, int count)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, length).Select(_ => (short)rng.Next(-700, 700)).ToArray()).ToArray();
    }

    private static void ShouldEqualGolden(List<short[]> outputs, CompiledImage image, short[][] inputs)
    {
        outputs.Should().HaveCount(inputs.Length);
        for (int v = 0; v < inputs.Length; v++)
            outputs[v].Should().Equal(GoldenModel.Run(image, inputs[v]).Output, $"vector {v}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Should_run_two_models_loaded_into_one_design_When_streams_are_free_or_back_pressured(int stall)
    {
        var (a, binA) = Model(0);
        var (b, binB) = Model(1);
        var xa = Inputs(1, 40, 3);
        var xb = Inputs(2, 27, 3);
        int wordBits = Config.WordBits;
        var script = new AxiScript();
        script.Read("ID_VERSION").Read("ID_HASH_LO").Read("ID_HASH_HI").Read("ID_PES");
        script.Load(binA, wordBits).Read("IN_LEN").Read("OUT_LEN").Write("CTRL", 1);
        foreach (var x in xa) script.Vector(x);
        script.WaitBeats(3 * 3).Read("VECTORS").Read("ERROR");
        // Model B into the same design: stop, load, start.
        script.Write("CTRL", 0).Load(binB, wordBits).Read("IN_LEN").Read("OUT_LEN").Write("CTRL", 1);
        foreach (var x in xb) script.Vector(x);
        script.WaitBeats(3 * 3 + 3 * 4).Read("VECTORS").Read("ERROR").Read("STATUS");
        var run = Bench.Value.Run(script, stall, $"two-models-{stall}");

        ulong hash = ConfigHash.Value(Config);
        run.Values("ID_HASH_LO").Should().Equal((uint)hash);
        run.Values("ID_HASH_HI").Should().Equal((uint)(hash >> 32));
        run.Values("ID_PES").Should().Equal(4u);
        run.Values("IN_LEN").Should().Equal(40u, 27u);
        run.Values("OUT_LEN").Should().Equal(10u, 13u);
        run.Values("VECTORS").Should().Equal(3u, 6u);
        run.Values("ERROR").Should().Equal(0u, 0u);
        var outputs = run.Vectors(4, 13);
        ShouldEqualGolden(outputs.Take(3).Select(o => o[..10]).ToList(), a, xa);
        ShouldEqualGolden(outputs.Skip(3).ToList(), b, xb);
    }

    [Fact]
    public void Should_run_a_model_over_32_bit_streams_When_the_configuration_says_stream_bits_32()
    {
        var config = Config with { StreamBits = 32 };
        var model = Images.Random(23, [33, 21, 7], 0.3, bias: true);
        using var tmp = new TempDir();
        var image = Images.CompileToDisk(model, config, tmp.File("img"));
        var xs = Inputs(6, 33, 3);
        var script = new AxiScript(32).Read("ID_STREAM_BITS").Load(File.ReadAllBytes(tmp.File("img/image.bin")),
            config.WordBits).Write("CTRL", 1);
        foreach (var x in xs) script.Vector(x);
        script.WaitBeats(3 * 4).Read("ERROR");
        var run = AxiBench.Compile(config).Run(script, 3, "stream32");
        run.Values("ID_STREAM_BITS").Should().Equal(32u);
        run.Values("ERROR").Should().Equal(0u);
        ShouldEqualGolden(run.Vectors(2, 7).ToList(), image, xs);
    }

    /// <summary>
    /// Model A, and a model whose input is long next to its compute (120 inputs, 8 and 6 outputs, inputs 90%
    /// zeros): there LOAD waits for write-back's writes and for a free slot, which the simulator must schedule
    /// exactly.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Should_equal_the_simulator_stream_timing_When_a_batch_streams_back_to_back(int which)
    {
        var (a, binA) = which == 0 ? Model(0) : LoadBound();
        int inputs = a.Layers[0].Inputs, outputs = a.Layers[^1].Outputs, beats = (outputs + 3) / 4;
        // Model 2: vector 0 dense (a long SCAN(0): vector 2's LOAD waits for its slot), the others 90% zeros
        // (a short SCAN: LOAD, one cycle per input, is the critical path).
        var xs = Inputs(3, inputs, 4).Select((x, v) => which == 0 || v == 0 ? x
            : x.Select((e, i) => i % 10 == 3 ? e : (short)0).ToArray()).ToArray();
        var script = new AxiScript().Load(binA, Config.WordBits).Write("CTRL", 1);
        foreach (var x in xs) script.Vector(x);
        script.WaitBeats(beats * 4).Read("SPAN").Read("CYCLES").Read("VECTORS");
        script.Write("CTRL", 3).WaitCycles(Config.ActivationDepth + 10);   // soft reset: SPAN restarts
        script.Vector(xs[0]).WaitBeats(beats * 5).Read("SPAN").Read("CYCLES");
        var run = Bench.Value.Run(script, 0, $"span-{which}");

        var batch = new Eiec.Sim.Simulator(a).RunBatch(xs);
        var cycles = batch.Results.Select(r => r.Stats.Cycles).ToList();
        var stats = batch.Results.Select(r => r.Stats).ToList();
        var timing = Eiec.Sim.EieAxiTop.Schedule(Config.Pes, inputs, outputs, stats, Config.ClockMhz);
        var alone = Eiec.Sim.EieAxiTop.Schedule(Config.Pes, inputs, outputs, [stats[0]], Config.ClockMhz);
        // One vector alone: I + C + G + O + 3 (docs/microarchitecture.md, AXI wrapper timing).
        alone.LatencyCycles.Should().Be(inputs + cycles[0] + (outputs + 3) / 4 + outputs + 3);
        run.Values("SPAN").Should().Equal((uint)timing.BatchCycles, (uint)alone.LatencyCycles);
        run.Values("CYCLES").Should().Equal((uint)cycles[^1], (uint)cycles[0]);
        run.Values("VECTORS").Should().Equal(4u);
        ShouldEqualGolden(run.Vectors(4, outputs).ToList(), a, [.. xs, xs[0]]);
    }

    private static (CompiledImage Image, byte[] Bin) LoadBound()
    {
        using var tmp = new TempDir();
        var image = Images.CompileToDisk(Images.Random(24, [120, 8, 6], 0.3, bias: true), Config, tmp.File("img"));
        return (image, File.ReadAllBytes(tmp.File("img/image.bin")));
    }

    [Fact]
    public void Should_count_saturations_and_layer_cycles_like_the_golden_model_and_simulator_When_sums_overflow()
    {
        // Large weights, biases and inputs: write-back clamps rows to 32767 / -32768 on purpose.
        var model = RandomModel.Create(new RandomModelSpec
        {
            Dims = [40, 30, 10], WeightDensity = [0.5], Seed = 44, Bias = true, WeightScale = 8, BiasScale = 100,
        });
        using var tmp = new TempDir();
        var image = Images.CompileToDisk(model, Config, tmp.File("img"));
        var rng = new Random(9);
        var xs = InputScales.Select(scale => Enumerable.Range(0, 40)
            .Select(_ => (short)rng.Next(-scale, scale)).ToArray()).ToArray();
        var script = new AxiScript().Load(File.ReadAllBytes(tmp.File("img/image.bin")), Config.WordBits)
            .Write("CTRL", 1);
        for (int v = 0; v < xs.Length; v++)
        {
            script.Vector(xs[v]).WaitBeats(3 * (v + 1)).Read("SAT_COUNT").Read("CYCLES");
            for (int l = 0; l < 2; l++) script.Write("LAYER_SEL", (uint)l).Read("LAYER_SEL").Read("LAYER_CYCLES");
        }
        var run = Bench.Value.Run(script, 0, "saturation");

        var golden = xs.Select(x => GoldenModel.Run(image, x)).ToList();
        golden[0].Saturations.Sum().Should().BePositive("the first vector must saturate at write-back");
        var sim = xs.Select(x => new Eiec.Sim.Simulator(image).Run(x)).ToList();
        run.Values("SAT_COUNT").Should().Equal(golden.Select(g => (uint)g.Saturations.Sum()));
        run.Values("SAT_COUNT").Should().Equal(sim.Select(r => (uint)r.Saturations.Sum()));
        run.Values("CYCLES").Should().Equal(sim.Select(r => (uint)r.Stats.Cycles));
        run.Values("LAYER_SEL").Should().Equal(0u, 1u, 0u, 1u);
        run.Values("LAYER_CYCLES").Should().Equal(
            sim.SelectMany(r => r.Stats.Layers.Select(l => (uint)(l.ScanCycles + l.WbCycles))));
        ShouldEqualGolden(run.Vectors(4, 10).ToList(), image, xs);
    }

    [Fact]
    public void Should_set_an_error_code_and_keep_running_When_tlast_comes_early_or_late()
    {
        var (a, binA) = Model(0);
        var xs = Inputs(4, 40, 3);
        var script = new AxiScript().Load(binA, Config.WordBits).Write("CTRL", 1);
        script.Vector(xs[0], beats: 6).WaitBeats(3).Read("ERROR").Read("STATUS").Write("IRQ_CLEAR", 3);
        script.Vector(xs[1], beats: 12).WaitBeats(6).Read("ERROR").Write("IRQ_CLEAR", 3);
        script.Vector(xs[2]).WaitBeats(9).Read("ERROR").Read("VECTORS");
        var run = Bench.Value.Run(script, 5, "tlast");

        run.Values("ERROR").Should().Equal(1u, 2u, 0u);
        (run.Values("STATUS")[0] & 8).Should().Be(8u, "STATUS.ERROR");
        run.Values("VECTORS").Should().Equal(3u);
        // Early: the vector is completed with zeros (6 beats of 4 values kept); late: the extra beats dropped.
        var cut = xs[0].Select((v, i) => i < 24 ? v : (short)0).ToArray();
        ShouldEqualGolden(run.Vectors(4, 10).ToList(), a, [cut, xs[1], xs[2]]);
    }

    [Fact]
    public void Should_recover_and_keep_the_model_When_soft_reset_mid_run()
    {
        var (a, binA) = Model(0);
        var xs = Inputs(5, 40, 2);
        var script = new AxiScript().Load(binA, Config.WordBits).Write("CTRL", 1);
        script.Vector(xs[0]).WaitCycles(25).Read("STATUS").Write("CTRL", 3).DropQueued();
        script.WaitCycles(5).Read("VECTORS").Vector(xs[1]).WaitBeats(3).Read("VECTORS").Read("ERROR");
        var run = Bench.Value.Run(script, 0, "soft-reset");

        (run.Values("STATUS")[0] & 1).Should().Be(1u, "busy when the reset comes");
        run.Values("VECTORS").Should().Equal(0u, 1u);
        run.Values("ERROR").Should().Equal(0u);
        ShouldEqualGolden(run.Vectors(4, 10).ToList(), a, [xs[1]]);
    }

    [Fact]
    public void Should_refuse_an_image_for_another_configuration_before_writing_When_the_id_hash_differs()
    {
        // The device's ID registers (read in the two-model test) carry this configuration's hash; an image
        // built for another configuration carries its own, and the host-side check refuses it.
        var other = Config with { FifoDepth = 4 };
        using var tmp = new TempDir();
        Images.CompileToDisk(Images.Random(21, [40, 30, 10], 0.3), other, tmp.File("img"));
        var bin = File.ReadAllBytes(tmp.File("img/image.bin"));
        ulong imageHash = BitConverter.ToUInt64(bin, 16);
        imageHash.Should().Be(ConfigHash.Value(other)).And.NotBe(ConfigHash.Value(Config));
        var act = () => ImageBinaryReader.Parse(bin, Config, "other/image.bin");
        act.Should().Throw<Eiec.Contract.Diagnostics.EiecException>()
            .WithMessage($"other/image.bin: built for configuration sha256:{ConfigHash.Of(other)}*");
    }
}
