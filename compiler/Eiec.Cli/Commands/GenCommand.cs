using System.CommandLine;
using Eiec.Toolchain;
using Eiec.Toolchain.Generate;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec gen`: seeded random compressed models. Either the EIE paper's benchmark layer shapes
/// (`--layer VGG-6`, `--all`) with an input at the layer's activation density, or a custom MLP
/// (`--dims 784,300,100,10 --density 0.1`).
/// </summary>
public static class GenCommand
{
    public static Command Create()
    {
        var layer = new Option<string[]>("--layer")
        {
            Description = "Benchmark layer name(s) from the table (e.g. VGG-6)",
            AllowMultipleArgumentsPerToken = true,
        };
        var all = new Option<bool>("--all") { Description = "Every layer of the benchmark table" };
        var table = new Option<string?>("--table")
        {
            Description = "Benchmark table YAML (default: the EIE paper's Table III, built in)",
        };
        var dims = new Option<string?>("--dims") { Description = "Custom MLP widths, e.g. 784,300,100,10" };
        var density = new Option<double>("--density")
        {
            Description = "Weight density for --dims",
            DefaultValueFactory = _ => 0.1,
        };
        var actDensity = new Option<double>("--input-density")
        {
            Description = "Non-zero fraction of the generated input for --dims",
            DefaultValueFactory = _ => 0.5,
        };
        var skew = new Option<double>("--skew")
        {
            Description = "Spread of row and column densities at the same overall density: coefficient of " +
                "variation of log-normal weights (e.g. 1.0; default 0 = uniform random positions)",
        };
        var bias = new Option<bool>("--bias") { Description = "Give every layer a random bias" };
        var seed = new Option<int>("--seed")
        {
            Description = "Random seed (same seed → identical files)",
            DefaultValueFactory = _ => 1,
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output directory",
            DefaultValueFactory = _ => "models",
        };
        var command = new Command("gen", "Generate seeded random compressed models (.cz) and inputs (.npy)");
        foreach (var o in new Option[] { layer, all, table, dims, density, actDensity, skew, bias, seed, output })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var w = parse.InvocationConfiguration.Output;
            var request = new GenerateRequest
            {
                OutputDir = parse.GetValue(output)!, Density = parse.GetValue(density),
                InputDensity = parse.GetValue(actDensity),
                Layers = parse.GetValue(layer) ?? [], AllLayers = parse.GetValue(all),
                TablePath = parse.GetValue(table),
                Bias = parse.GetValue(bias), Seed = parse.GetValue(seed), Dims = parse.GetValue(dims),
                Skew = parse.GetValue(skew),
            };
            foreach (var m in EiecToolchain.Generate(request))
                w.WriteLine($"wrote {m.ModelPath} ({m.NonZeros} non-zeros) and {m.InputPath} " +
                    $"({m.InputNonZeros}/{m.InputLength} non-zero)");
            return 0;
        });
        return command;
    }
}
