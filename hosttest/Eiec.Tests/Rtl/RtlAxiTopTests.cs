using Eiec.Contract.Config;
using Eiec.Contract.Image;
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
}
