using System.CommandLine;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;
using Eiec.FrontEnd.Export;
using Eiec.FrontEnd.Import;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec export model.cz -o model.onnx|model.npz`: the compressed model as dense float32 weights (the
/// codebook value at each kept position, 0 elsewhere) for PyTorch (.npz, fcK.weight/fcK.bias) or ONNX
/// Runtime (.onnx, Gemm + Relu, opset 13).
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Compressed model (.cz)" };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Dense model to write: .onnx or .npz (by "
            + "extension; written atomically)", Required = true
        };
        var command = new Command("export", "Write a .cz back as a dense model (.onnx or .npz) with the shared weights "
            + "expanded") { model };
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            string czPath = parse.GetValue(model)!, outPath = parse.GetValue(output)!;
            string ext = Path.GetExtension(outPath).ToLowerInvariant();
            if (ext is not (".onnx" or ".npz"))
                throw new EiecException($"--output {outPath}: unknown format '{ext}'; eiec exports .onnx or .npz");
            AtomicFile.CheckWritable(outPath, "exported model");
            var dense = CzExpander.ToDense(CzReader.Read(czPath));
            var names = dense.Layers.Select(l => l.Name).ToList();
            if (ext == ".npz" && !names.SequenceEqual(names.Order(NaturalComparer.Instance)))
                throw new EiecException($"{czPath}: layers {string.Join(", ", names)} would load back in another order "
                    + $"from an .npz "
                    + "(it orders layers by name); export to .onnx instead, which keeps the order");
            if (ext == ".onnx")
            {
                var bytes = OnnxDenseExporter.ToBytes(dense);
                AtomicFile.Write(outPath, "exported model", stream => stream.Write(bytes));
            }
            else DenseNpzWriter.Write(dense, outPath);
            long kept = dense.Layers.Sum(l => l.Weight.LongCount(w => w != 0)),
                total = dense.Layers.Sum(l => l.WeightCount);
            Console.WriteLine($"exported {czPath} → {outPath}: {dense.Layers.Count} dense layers, {kept:N0} of "
                + $"{total:N0} weights non-zero");
            return 0;
        });
        return command;
    }
}
