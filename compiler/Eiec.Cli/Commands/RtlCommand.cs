using System.CommandLine;
using Eiec.Toolchain;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec rtl -c accel.yaml -o rtl/`: the Verilog and files.f for a configuration alone (no model); models are
/// loaded at run time through eie_axi_top's load path (docs/axi.md). Written all-or-nothing like a build.
/// </summary>
public static class RtlCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output directory for the Verilog and files.f (replaced atomically)",
            DefaultValueFactory = _ => "rtl",
        };
        var config = new ConfigOptions();
        var rtl = new RtlTargetOptions();
        var command = new Command("rtl",
            "Generate the Verilog of the accelerator for a configuration, without a model");
        command.Options.Add(output);
        config.AddTo(command);
        rtl.AddTo(command);
        command.SetAction(parse =>
        {
            var result = EiecToolchain.Rtl(config.Resolve(parse), parse.GetValue(output)!, config.Describe(parse),
                rtl.Resolve(parse));
            parse.InvocationConfiguration.Output.WriteLine(
                $"wrote {result.OutputDir}: {result.Files.Count} files for configuration sha256:{result.ConfigHash}");
            return 0;
        });
        return command;
    }
}
