using Eiec.Contract.Npy;

namespace Eiec.FrontEnd.Import;

/// <summary>
/// Writes a dense model as the PyTorch-convention .npz that <see cref="NpzDenseImporter"/> reads:
/// NAME.weight (float32, outputs × inputs) and NAME.bias per layer, in layer order, atomically.
/// The layer names must keep their order under <see cref="NaturalComparer"/> (fc0, fc1, … do).
/// </summary>
public static class DenseNpzWriter
{
    public static void Write(DenseModel model, string path) => NpzWriter.Write(path, Arrays(model));

    public static void Write(DenseModel model, Stream stream) => stream.Write(NpzWriter.ToBytes(Arrays(model)));

    private static List<KeyValuePair<string, NpyArray>> Arrays(DenseModel model)
    {
        var arrays = new List<KeyValuePair<string, NpyArray>>();
        foreach (var layer in model.Layers)
        {
            arrays.Add(new($"{layer.Name}.weight", NpyArray.FromFloat32(layer.Weight, [layer.Outputs, layer.Inputs])));
            if (layer.Bias is { } bias) arrays.Add(new($"{layer.Name}.bias", NpyArray.FromFloat32(bias)));
        }
        if (model.Input is { } input)
        {
            arrays.Add(new(NpzDenseImporter.InputMeanKey, NpyArray.FromFloat64([input.Mean], [])));
            arrays.Add(new(NpzDenseImporter.InputStdKey, NpyArray.FromFloat64([input.Std], [])));
        }
        return arrays;
    }
}
