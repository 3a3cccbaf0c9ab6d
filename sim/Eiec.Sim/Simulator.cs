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

    /// <summary>
    /// Reset, then one inference of <paramref name="input"/> by this simulator's engine with every PE's
    /// activity recorded into <paramref name="timeline"/> (<c>eiec sim --plot</c>). Cycles and statistics
    /// are those of <see cref="Run"/>.
    /// </summary>
    public SimResult RunTimeline(ReadOnlySpan<short> input, PeTimeline timeline)
    {
        if (timeline.Pes != Config.Pes)
            throw new EiecException($"a timeline of {timeline.Pes} PEs cannot record an array of {Config.Pes}");
        var array = CreateArray();
        array.Timeline = timeline;
        return Infer(array, input);
    }

    /// <summary>
    /// Reset once, then one inference per input with no reset in between. Runs on up to
    /// <paramref name="jobs"/> cores (null: all); the results are the same for any number.
    /// </summary>
    /// <param name="inputs">Layer 0's activations, one vector per inference.</param>
    /// <param name="jobs">Worker threads, at least 1; null for every core.</param>
    /// <param name="onProgress">Sees the number of vectors finished so far (from worker threads).</param>
    public BatchResult RunBatch(IReadOnlyList<short[]> inputs, int? jobs = null, Action<int>? onProgress = null)
    {
        if (inputs.Count == 0) throw new EiecException("an empty batch has nothing to simulate");
        if (jobs is < 1) throw new EiecException($"--jobs {jobs}: must be at least 1");
        return BatchRunner.Run(inputs, Config.Pes, CreateArray, (array, input, afterLayer) =>
            Infer(array, input, afterLayer), jobs ?? Environment.ProcessorCount, onProgress);
    }

    /// <summary>A freshly reset array (after INIT) of the chosen engine.</summary>
    private IEieArray CreateArray() => Engine switch
    {
        SimEngine.Reference => new EieArray(Image, Config.FifoDepth),
        SimEngine.Event => new EventEngine.EventTimeArray(Image, Config.FifoDepth),
        _ => throw new EiecException($"unknown simulator engine {Engine}"),
    };

    private SimResult Infer(IEieArray array, ReadOnlySpan<short> input, Action<int>? afterLayer = null)
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
            afterLayer?.Invoke(l);
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
