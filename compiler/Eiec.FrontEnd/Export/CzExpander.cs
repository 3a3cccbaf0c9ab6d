using Eiec.Contract.Cz;
using Eiec.FrontEnd.Import;

namespace Eiec.FrontEnd.Export;

/// <summary>
/// A compressed model back as a dense one: each layer's weight matrix with the codebook value at every
/// kept position and 0 elsewhere, the bias as stored. What PyTorch or ONNX Runtime users load.
/// </summary>
public static class CzExpander
{
    public static DenseModel ToDense(CzModel model) => new(model.Name, model.Layers.Select(ToDense).ToList());

    public static DenseLayer ToDense(CzLayer layer)
    {
        var w = new float[(long)layer.Outputs * layer.Inputs];
        for (int col = 0; col < layer.Inputs; col++)
            for (int k = layer.IndPtr[col]; k < layer.IndPtr[col + 1]; k++)
                w[(long)layer.Indices[k] * layer.Inputs + col] = layer.Codebook[layer.Codes[k]];
        return new DenseLayer
        {
            Name = layer.Name, Inputs = layer.Inputs, Outputs = layer.Outputs, Weight = w,
            Activation = layer.Activation,
            Bias = layer.Bias is null ? null : (float[])layer.Bias.Clone(),
        };
    }
}
