using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Import.Onnx;

namespace Eiec.FrontEnd.Import;

/// <summary>
/// Opens a dense model by its extension: .npz (<see cref="NpzDenseImporter"/>) or .onnx
/// (<see cref="OnnxDenseImporter"/>).
/// </summary>
public static class DenseModelLoader
{
    public static DenseModel Load(string path)
    {
        if (!File.Exists(path)) throw new EiecException($"{path}: no such model file");
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".npz" => NpzDenseImporter.Read(path),
            ".onnx" => OnnxDenseImporter.Read(path),
            var ext => throw new EiecException($"{path}: unknown model format '{ext}'; eiec imports dense models " +
                "from .npz or .onnx"),
        };
    }
}
