using Eiec.Contract.Cz;

namespace Eiec.Golden;

/// <summary>
/// The dense float reference: b = f(W·a + bias) in double precision straight from the .cz (codebook
/// values as stored), with none of the accelerator's storage or arithmetic. The golden model must stay
/// within the bound of docs/fixed-point.md of it.
/// </summary>
public static class FloatReference
{
    /// <summary>Outputs of every layer for one input vector.</summary>
    public static double[][] Run(CzModel model, ReadOnlySpan<double> input)
    {
        var outputs = new double[model.Layers.Count][];
        var a = input.ToArray();
        for (int l = 0; l < model.Layers.Count; l++)
        {
            outputs[l] = RunLayer(model.Layers[l], a);
            a = outputs[l];
        }
        return outputs;
    }

    public static double[] RunLayer(CzLayer layer, ReadOnlySpan<double> a)
    {
        var y = new double[layer.Outputs];
        if (layer.Bias is { } bias)
            for (int i = 0; i < y.Length; i++) y[i] = bias[i];
        for (int j = 0; j < layer.Inputs; j++)
        {
            double aj = a[j];
            if (aj == 0) continue;
            for (int e = layer.IndPtr[j]; e < layer.IndPtr[j + 1]; e++)
                y[layer.Indices[e]] += layer.Codebook[layer.Codes[e]] * aj;
        }
        if (layer.Activation == LayerActivation.Relu)
            for (int i = 0; i < y.Length; i++) y[i] = Math.Max(0, y[i]);
        return y;
    }
}
