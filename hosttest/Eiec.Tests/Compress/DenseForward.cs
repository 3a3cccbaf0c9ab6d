using Eiec.Contract.Cz;
using Eiec.FrontEnd.Import;

namespace Eiec.Tests.Compress;

/// <summary>A plain double-precision forward pass of a dense model, written for the tests.</summary>
public static class DenseForward
{
    public static double[] Run(DenseModel model, ReadOnlySpan<float> input)
    {
        var a = new double[input.Length];
        for (int i = 0; i < a.Length; i++) a[i] = input[i];
        foreach (var layer in model.Layers)
        {
            var z = new double[layer.Outputs];
            for (int o = 0; o < layer.Outputs; o++)
            {
                double s = layer.Bias?[o] ?? 0;
                for (int i = 0; i < layer.Inputs; i++) s += (double)layer.Weight[(long)o * layer.Inputs + i] * a[i];
                z[o] = layer.Activation == LayerActivation.Relu ? Math.Max(0, s) : s;
            }
            a = z;
        }
        return a;
    }
}
