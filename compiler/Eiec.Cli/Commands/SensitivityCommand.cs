using System.CommandLine;
using System.Globalization;
using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Compress;
using Eiec.Toolchain;
using Eiec.Toolchain.Sensitivity;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec sensitivity model.(npz|onnx) --data DIR -o DIR [--densities 1,0.5,…] [--limit N]`: per-layer
/// pruning sensitivity (one layer pruned at a time, no retraining), as sensitivity.csv and sensitivity.png.
/// </summary>
public static class SensitivityCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Dense model (.npz or .onnx)" };
        var data = new Option<string>("--data")
        {
            Description = "Test data: IDX directory (t10k-* files) or "
            + ".npz", Required = true
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Directory for sensitivity.csv and "
            + "sensitivity.png", Required = true
        };
        var densities = new Option<string?>("--densities")
        {
            Description = "Densities to try per layer (default "
            + "1,0.5,0.3,0.2,0.1,0.05,0.03,0.02,0.01)"
        };
        var limit = new Option<int?>("--limit") { Description = "Evaluate on only the first N test examples" };
        var command = new Command("sensitivity", "Top-1 accuracy vs density with one layer pruned at a time (Deep "
            + "Compression Fig. 6)") { model };
        foreach (var o in new Option[] { data, output, densities, limit }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            if (parse.GetValue(limit) is { } n) OptionChecks.AtLeast("--limit", n, 1);
            var list = parse.GetValue(densities) is { } text ? ParseDensities("--densities",
                text) : SensitivityAnalysis.DefaultDensities;
            var result = EiecToolchain.Sensitivity(new SensitivityRequest
            {
                ModelPath = parse.GetValue(model)!, DataPath = parse.GetValue(data)!,
                OutputDir = parse.GetValue(output)!, Densities = list, Limit = parse.GetValue(limit),
            }, r => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Layer} at {r.Density:P1} ({r.Kept:N0} kept): top-1 {r.Accuracy:P2}")));
            Console.WriteLine($"wrote {result.CsvPath} and {Path.GetFileName(result.PlotPath)} "
                + $"({result.Examples:N0} test examples)");
            return 0;
        });
        return command;
    }

    /// <summary>A comma-separated list of densities in (0, 1].</summary>
    public static double[] ParseDensities(string option, string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new EiecException($"{option} '{text}': give at least one density");
        return parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? OptionChecks.Fraction(option, d)
            : throw new EiecException($"{option} '{text}': '{p}' is not a number")).ToArray();
    }
}
