using System.CommandLine;
using Eiec.Toolchain;

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
            var result = EiecToolchain.Export(czPath, outPath);
            Console.WriteLine($"exported {czPath} → {outPath}: {result.Layers} dense layers, {result.Kept:N0} of "
                + $"{result.Weights:N0} weights non-zero");
            return 0;
        });
        return command;
    }
}
