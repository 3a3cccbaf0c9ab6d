using System.CommandLine;
using Eiec.Contract.Config;

namespace Eiec.Cli.Commands;

/// <summary>The accelerator options shared by build, sweep and friends: a YAML file plus overrides.</summary>
public sealed class ConfigOptions
{
    public Option<string?> ConfigFile { get; } = new("--config", "-c")
    {
        Description = "Accelerator configuration YAML (snake_case keys; see examples/accel.yaml)",
    };
    public Option<int?> Pes { get; } = new("--pes")
    {
        Description = "Number of processing elements (overrides the config file)",
    };
    public Option<int?> FifoDepth { get; } = new("--fifo-depth")
    {
        Description = "Activation-queue depth per PE, entries",
    };
    public Option<double?> ClockMhz { get; } = new("--clock-mhz")
    {
        Description = "Clock for reports and the vendor flows' clock constraint, MHz",
    };
    public Option<int?> PointerBits { get; } = new("--pointer-bits")
    {
        Description = "Column-pointer width, bits (paper: 16)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(ConfigFile);
        command.Options.Add(Pes);
        command.Options.Add(FifoDepth);
        command.Options.Add(ClockMhz);
        command.Options.Add(PointerBits);
    }

    /// <summary>Where the configuration came from, for generated-file headers: "accel.yaml --pes 64".</summary>
    public string Describe(ParseResult parse)
    {
        var parts = new List<string> { parse.GetValue(ConfigFile) is { } file ? Path.GetFileName(file) : "defaults" };
        foreach (var option in new Option[] { Pes, FifoDepth, ClockMhz, PointerBits })
            if (parse.GetResult(option) is { Implicit: false } result)
                parts.Add($"{option.Name} {string.Join(",", result.Tokens.Select(t => t.Value))}");
        return string.Join(" ", parts);
    }

    public AccelConfig Resolve(ParseResult parse)
    {
        var path = parse.GetValue(ConfigFile);
        var config = path is null ? new AccelConfig() : AccelConfigLoader.Load(path);
        return AccelConfigLoader.WithOverrides(config, parse.GetValue(Pes), parse.GetValue(FifoDepth),
            parse.GetValue(ClockMhz), parse.GetValue(PointerBits));
    }
}
