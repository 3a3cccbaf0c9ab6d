using System.CommandLine;
using Eiec.Hdl;
using Eiec.Hdl.Vendor;

namespace Eiec.Cli.Commands;

/// <summary>
/// The RTL options of commands that write Verilog (build, rtl): the module/macro prefix and the vendor
/// flows (--target vivado|quartus|fusesoc, --part, --device), resolved into one <see cref="RtlOptions"/>.
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
        };
        VendorFlows.Check(options);
        return options;
    }
}
