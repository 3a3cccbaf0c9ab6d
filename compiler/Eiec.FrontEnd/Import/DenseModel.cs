using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;

namespace Eiec.FrontEnd.Import;

/// <summary>A dense network: an ordered chain of FC layers (layer k's outputs are layer k+1's inputs).</summary>
public sealed record DenseModel(string Name, IReadOnlyList<DenseLayer> Layers)
{
    public int Inputs => Layers[0].Inputs;
    /// <summary>Normalization of raw input data the model was trained with (optional).</summary>
    public CzInputNormalization? Input { get; init; }
    public int Outputs => Layers[^1].Outputs;

    /// <summary>
    /// Checks what compression and training rely on: at least one layer, shapes that chain, array
    /// lengths that match the shapes, and finite weights and biases. <paramref name="source"/> is
    /// the file named in errors.
    /// </summary>
    public DenseModel Validated(string source)
    {
        if (Layers.Count == 0) throw new EiecException($"{source}: the model has no layers");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int l = 0; l < Layers.Count; l++)
        {
            var layer = Layers[l];
            if (!names.Add(layer.Name)) throw new EiecException($"{source}: two layers are named '{layer.Name}'");
            if (layer.Inputs <= 0 || layer.Outputs <= 0)
                throw new EiecException($"{source}: layer '{layer.Name}' has shape {layer.Outputs}×{layer.Inputs}; " +
                    "both must be positive");
            if (layer.Weight.LongLength != layer.WeightCount)
                throw new EiecException($"{source}: layer '{layer.Name}' has {layer.Weight.LongLength} weights, " +
                    $"expected {layer.Outputs}×{layer.Inputs}");
            if (layer.Bias is { } bias && bias.Length != layer.Outputs)
                throw new EiecException($"{source}: layer '{layer.Name}' has a bias of length {bias.Length}, " +
                    $"expected {layer.Outputs} (its outputs)");
            if (l > 0 && Layers[l - 1].Outputs != layer.Inputs)
                throw new EiecException($"{source}: layer '{layer.Name}' takes {layer.Inputs} inputs " +
                    $"but the previous layer '{Layers[l - 1].Name}' has {Layers[l - 1].Outputs} outputs");
            CheckFinite(source, layer.Name, "weight", layer.Weight, layer.Inputs);
            if (layer.Bias is { } b) CheckFinite(source, layer.Name, "bias", b, 0);
        }
        return this;
    }

    private static void CheckFinite(string source, string layer, string what, float[] values, int inputs)
    {
        for (long k = 0; k < values.LongLength; k++)
        {
            if (float.IsFinite(values[k])) continue;
            var where = inputs > 0 ? $"[{k / inputs}, {k % inputs}] (output, input)" : $"[{k}]";
            throw new EiecException(
                $"{source}: layer '{layer}' {what}{where} is {values[k]}; weights and biases must be finite");
        }
    }
}
