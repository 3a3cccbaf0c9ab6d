using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Image;
using Eiec.Sim.Stats;

namespace Eiec.Sim;

/// <summary>
/// Cycle-accurate simulator of a compiled image (docs/microarchitecture.md). Load the image from
/// disk with <see cref="Load"/>; <see cref="Run"/> resets the array and runs one input vector,
/// <see cref="RunBatch"/> runs several back to back.
/// </summary>
public sealed class Simulator
{
    public Simulator(CompiledImage image, SimOptions? options = null)
    {
        Image = image;
        options ??= new SimOptions();
        Engine = options.Engine;
        Config = (image.Config with
        {
            FifoDepth = options.FifoDepth ?? image.Config.FifoDepth,
            ClockMhz = options.ClockMhz ?? image.Config.ClockMhz,
        }).Validated("simulator options");
    }

    /// <summary>
    /// Reads the image directory with <see cref="ImageReader"/> (the only supported source of an
    /// image).
    /// </summary>
    public static Simulator Load(string directory, SimOptions? options = null) =>
        new(ImageReader.Read(directory), options);

    public CompiledImage Image { get; }
    /// <summary>The image's configuration with the options applied.</summary>
    public AccelConfig Config { get; }

    /// <summary>The SCAN engine (both give identical results).</summary>
    public SimEngine Engine { get; }

    /// <summary>Fixed-point fraction bits of inputs and outputs.</summary>
    public int ActivationFracBits => Image.Manifest.ActivationFracBits;

    /// <summary>Reset, LOAD <paramref name="input"/> (layer 0's activations), then SCAN/WB every layer.</summary>
    public SimResult Run(ReadOnlySpan<short> input) => Infer(CreateArray(), input);

    /// <summary>Reset once, then one inference per input with no reset in between.</summary>
    public BatchResult RunBatch(IReadOnlyList<short[]> inputs)
    {
        if (inputs.Count == 0) throw new EiecException("an empty batch has nothing to simulate");
        var array = CreateArray();
        var results = new List<SimResult>(inputs.Count);
        SimStats? total = null;
        foreach (var input in inputs)
        {
            var r = Infer(array, input);
            results.Add(r);
            total = total is null ? r.Stats : total + r.Stats;
        }
        return new BatchResult { Results = results, Stats = total! };
    }

    /// <summary>A freshly reset array (after INIT) of the chosen engine.</summary>
    private IEieArray CreateArray() => Engine switch
    {
        SimEngine.Reference => new EieArray(Image, Config.FifoDepth),
        SimEngine.Event => new EventEngine.EventTimeArray(Image, Config.FifoDepth),
        _ => throw new EiecException($"unknown simulator engine {Engine}"),
    };

    private SimResult Infer(IEieArray array, ReadOnlySpan<short> input)
    {
        array.Load(input);
        int layers = Image.Layers.Count;
        var outputs = new short[layers][];
        var saturations = new long[layers];
        var stats = new LayerStats[layers];
        for (int l = 0; l < layers; l++)
        {
            stats[l] = array.RunLayer(l);
            outputs[l] = array.ReadOutputs(l);
            saturations[l] = stats[l].Saturations;
        }
        return new SimResult
        {
            LayerOutputs = outputs,
            Output = TopLevel.Out(Image, outputs[^1]),
            Saturations = saturations,
            Stats = new SimStats
            {
                ClockMhz = Config.ClockMhz, Pes = Config.Pes, FifoDepth = Config.FifoDepth, Layers = stats,
            },
        };
    }
}
