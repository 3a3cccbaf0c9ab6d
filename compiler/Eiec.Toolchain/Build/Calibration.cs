using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.FixedPoint;
using Eiec.Golden;

namespace Eiec.Toolchain.Build;

/// <summary>
/// Measures <see cref="ColumnActivity"/> for `eiec build --calibration` (docs/balancing.md): the calibration
/// vectors (a .npy read exactly as `eiec run --input` reads it) run through the golden model of the interleaved
/// image, and every layer's input columns are counted non-zero or not. The interleaved image computes the same
/// values as any balanced one, in logical order.
/// </summary>
public static class Calibration
{
    public static ColumnActivity Measure(CzModel model, AccelConfig config, int activationFracBits, string modelPath,
        string calibrationPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        var image = ImageCompiler.Compile(model, config, activationFracBits, modelPath, BalanceMode.None);
        var vectors = ActivationInput.Load(calibrationPath, model.Layers[0].Inputs, activationFracBits, out _,
            model.Input);
        var golden = new GoldenModel(image);
        var inputs = new IReadOnlyList<short[]>[vectors.Length];
        ParallelFor.Run(vectors.Length, v =>
        {
            var run = golden.Run(vectors[v]);
            var perLayer = new short[model.Layers.Count][];
            perLayer[0] = vectors[v];
            for (int l = 1; l < perLayer.Length; l++) perLayer[l] = run.LayerOutputs[l - 1];
            inputs[v] = perLayer;
        });
        return ColumnActivity.Count(inputs, model.Layers.Select(l => l.Inputs).ToArray());
    }
}
