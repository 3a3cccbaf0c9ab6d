using System.CommandLine;
using Eiec.Hdl;
using Eiec.Hdl.Vendor;

namespace Eiec.Cli.Commands;

/// <summary>
/// The RTL options of commands that write Verilog (build, rtl): the module/macro prefix and the vendor
/// flows (--target vivado|quartus|fusesoc, --part, --device) and the multiplier's form (--multiplier), resolved
/// into one <see cref="RtlOptions"/>.
/// </summary>
public sealed class RtlTargetOptions
{
    public Option<string[]> Target { get; } = new("--target")
    {
        Description = "Also write vendor flows into rtl/: vivado (TCL, XDC, IP packaging), quartus (TCL, SDC), " +
            "fusesoc (.core; written with either vendor too). Repeat or separate with commas",
        AllowMultipleArgumentsPerToken = false,
    };
    public Option<string?> Part { get; } = new("--part")
    {
        Description = $"Vivado part for --target vivado (default {VendorFlows.DefaultPart}, a Zynq-7020)",
    };
    public Option<string?> Device { get; } = new("--device")
    {
        Description = $"Quartus device for --target quartus (default {VendorFlows.DefaultDevice}, a Cyclone V)",
    };
    public Option<string?> Multiplier { get; } = new("--multiplier")
    {
        Description = "The PE's multiply: dsp (one multiply per PE for a DSP block; the default with --target " +
            "vivado or quartus) or logic (four 16 x 4 partial products, for devices without DSPs; the default " +
            "otherwise). Same cycles and results",
    };
    public Option<string?> Prefix { get; } = new("--prefix")
    {
        Description = "Prefix for every module, file and `define of the RTL (e.g. cfgA_), so that two " +
            "configurations fit in one design; default none",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Target);
        command.Options.Add(Part);
        command.Options.Add(Device);
        command.Options.Add(Prefix);
        Multiplier.AcceptOnlyFromAmong("dsp", "logic");
        command.Options.Add(Multiplier);
    }

    /// <summary>The options as given; an unknown target or a misplaced --part/--device is one error line.</summary>
    public RtlOptions Resolve(ParseResult parse)
    {
        var targets = (parse.GetValue(Target) ?? [])
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(VendorFlows.ParseTarget).Distinct().ToList();
        var options = new RtlOptions
        {
            Prefix = parse.GetValue(Prefix) ?? "",
            Targets = targets,
            Part = parse.GetValue(Part),
            Device = parse.GetValue(Device),
            Multiplier = parse.GetValue(Multiplier) switch
            {
                null => null,
                "dsp" => MultiplierKind.Dsp,
                _ => MultiplierKind.Logic,
            },
        };
        VendorFlows.Check(options);
        return options;
    }
}
