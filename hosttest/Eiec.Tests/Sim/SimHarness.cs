using Eiec.Contract.Checking;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Image;
using Eiec.FrontEnd.Gen;
using Eiec.Golden;
using Eiec.Sim;
using Eiec.Tests.Support;

namespace Eiec.Tests.Sim;

/// <summary>Compile → write → read back → simulate, and compare with the golden model saying where.</summary>
public static class SimHarness
{
    public static short[] Quantize(float[] x, int frac = 8) =>
        x.Select(v => FixedPointMath.Quantize(v, frac, out _)).ToArray();

    public static short[] Input(int length, double density, int seed, bool signed = true) =>
        Quantize(RandomModel.CreateInput(length, density, seed, scale: 2.0, signed: signed));

    public static CompiledImage Image(TempDir tmp, CzModel model, AccelConfig config) =>
        Images.CompileToDisk(model, config, tmp.File("img"));

    /// <summary>
    /// Runs simulator and golden model; fails naming the first differing layer, element, PE and
    /// values.
    /// </summary>
    public static SimResult RunAndCompare(
        CompiledImage image, short[] input, int? fifoDepth = null, SimEngine engine = SimEngine.Event)
    {
        var golden = GoldenModel.Run(image, input);
        var sim = new Simulator(image, new SimOptions { FifoDepth = fifoDepth, Engine = engine }).Run(input);
        var names = image.Layers.Select(l => l.Name).ToArray();
        var difference = OutputComparison.First<short>(
            null, names, image.Config.Pes, golden.LayerOutputs, sim.LayerOutputs);
        difference.Should().BeNull("the simulator must match the golden model; it differs at {0}", difference);
        for (int l = 0; l < image.Layers.Count; l++)
            sim.Saturations[l].Should().Be(golden.Saturations[l], $"layer {l} saturations");
        return sim;
    }

    /// <summary>A one-layer model given column by column: each column lists (row, code) pairs.</summary>
    public static CzModel Columns(int outputs, params (int Row, int Code)[][] columns)
    {
        var indptr = new int[columns.Length + 1];
        var indices = new List<int>();
        var codes = new List<byte>();
        for (int j = 0; j < columns.Length; j++)
        {
            foreach (var (row, code) in columns[j].OrderBy(c => c.Row))
            {
                indices.Add(row);
                codes.Add((byte)code);
            }
            indptr[j + 1] = indices.Count;
        }
        var codebook = new float[16];
        for (int v = 1; v < 16; v++) codebook[v] = v * 0.0625f * (v % 2 == 0 ? 1 : -1);
        var layer = new CzLayer
        {
            Name = "fc1", Inputs = columns.Length, Outputs = outputs, Activation = LayerActivation.None,
            IndPtr = indptr, Indices = indices.ToArray(), Codes = codes.ToArray(), Codebook = codebook,
        };
        return new CzModel("hand", [layer]);
    }
}
