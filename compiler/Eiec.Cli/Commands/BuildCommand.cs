using System.CommandLine;
using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Image;
using Eiec.Hdl;
using Eiec.Toolchain;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec build model.cz --pes N [-c accel.yaml] -o out/`: compile, then write the image, report and RTL all-or-nothing.
/// </summary>
public static class BuildCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Compressed model (.cz)" };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output directory (replaced atomically)",
            DefaultValueFactory = _ => "out",
        };
        var actFrac = new Option<int>("--act-frac")
        {
            Description = "Fraction bits of the 16-bit activations (docs/fixed-point.md)",
            DefaultValueFactory = _ => ImageCompiler.DefaultActivationFracBits,
        };
        var balance = new Option<string>("--balance")
        {
            Description = "Row placement: rows (load-balanced, docs/balancing.md), search (rows, then a local " +
                "search on the estimated cycles) or none (row i on PE i mod N)",
            DefaultValueFactory = _ => ImageCompiler.DefaultBalance.ToString().ToLowerInvariant(),
        };
        balance.AcceptOnlyFromAmong("none", "rows", "search");
        var calibration = new Option<string?>("--calibration")
        {
            Description = "Input vectors (.npy, 1-D or 2-D, as `eiec run --input` takes): the balancer weighs each " +
                "column by how often these make it non-zero (docs/balancing.md)",
        };
        var config = new ConfigOptions();
        var rtl = new RtlTargetOptions();
        var command = new Command("build", "Compile a .cz model into an EIE image: memory hex files, image.json, " +
            "report and Verilog") { model };
        command.Options.Add(output);
        command.Options.Add(actFrac);
        command.Options.Add(balance);
        command.Options.Add(calibration);
        config.AddTo(command);
        rtl.AddTo(command);
        command.SetAction(parse =>
        {
            var configName = config.Describe(parse);
            var summary = Execute(parse.GetValue(model)!, config.Resolve(parse), parse.GetValue(output)!,
                parse.GetValue(actFrac), configName, rtl.Resolve(parse),
                parse.GetValue(balance) switch
                {
                    "rows" => BalanceMode.Rows,
                    "search" => BalanceMode.Search,
                    _ => BalanceMode.None,
                }, parse.GetValue(calibration));
            parse.InvocationConfiguration.Output.WriteLine(summary);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Builds (<see cref="EiecToolchain.Build"/>) and returns a one-paragraph summary for the console.
    /// </summary>
    public static string Execute(string modelPath, AccelConfig config, string outputDir, int activationFracBits,
        string configName = "built-in defaults", RtlOptions? rtl = null,
        BalanceMode balance = ImageCompiler.DefaultBalance, string? calibrationPath = null)
    {
        var built = EiecToolchain.Build(modelPath, config, outputDir, activationFracBits, configName, rtl, balance,
            calibrationPath);
        var targets = rtl is { Targets.Count: > 0 }
            ? $"; vendor flows ({string.Join(", ", rtl.Targets).ToLowerInvariant()}) in " +
              $"{Path.Combine(outputDir, ImageFiles.RtlDir)}."
            : "";
        return $"built {outputDir}: {built.Image.Layers.Count} layer(s), {built.NonZeros} non-zeros + " +
               $"{built.Padding} padding entries on {config.Pes} PEs " +
               $"({built.WeightKiB:F1} KiB of weights; {built.Elapsed.TotalSeconds:F2} s). Report: {built.ReportPath}" +
               targets;
    }
}
