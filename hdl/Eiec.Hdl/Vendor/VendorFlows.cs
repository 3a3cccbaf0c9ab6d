using System.Text.RegularExpressions;
using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;

namespace Eiec.Hdl.Vendor;

/// <summary>
/// The vendor flows of a build (`eiec build --target vivado|quartus|fusesoc`): scripts that synthesize,
/// place and route the generated RTL with Vivado or Quartus, and a FuseSoC core. They are written into
/// rtl/ beside the Verilog (vivado/, quartus/, TOP.core) and name the sources files.f lists, the top and
/// the config's clock. Neither vendor tool runs here: the tests check what the scripts say (docs/rtl.md).
/// </summary>
public static partial class VendorFlows
{
    /// <summary>Zynq-7020 (the PYNQ-Z1/Z2 and ZedBoard part): a common, inexpensive Vivado target.</summary>
    public const string DefaultPart = "xc7z020clg400-1";

    /// <summary>Cyclone V SoC 5CSEMA5F31C6, the DE1-SoC board's device.</summary>
    public const string DefaultDevice = "5CSEMA5F31C6";

    /// <summary>Quartus device-name prefixes and their families (FAMILY must match DEVICE).</summary>
    private static readonly (string Prefix, string Family)[] Families =
    [
        ("5C", "Cyclone V"), ("5A", "Arria V"), ("5S", "Stratix V"), ("10M", "MAX 10"),
        ("10CL", "Cyclone 10 LP"), ("10CX", "Cyclone 10 GX"), ("10A", "Arria 10"), ("EP4CE", "Cyclone IV E"),
        ("EP4CGX", "Cyclone IV GX"), ("1S", "Stratix 10"), ("A5E", "Agilex 5"), ("AG", "Agilex 7"),
    ];

    /// <summary>
    /// Every file of the requested targets, names relative to rtl/ ('/'-separated); empty without a target.
    /// Throws <see cref="EiecException"/> naming the option when the options do not fit together.
    /// </summary>
    /// <param name="rtl">The Verilog generated with the same options (<see cref="VerilogGenerator.Generate"/>).</param>
    public static IReadOnlyList<GeneratedFile> Generate(AccelConfig config, string configName, RtlOptions options,
        IReadOnlyList<GeneratedFile> rtl)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options);
        if (options.Targets.Count == 0) return [];
        var design = VendorDesign.For(config, configName, options, rtl);
        var files = new List<GeneratedFile>();
        var targets = options.Targets.Distinct().Order().ToList();
        if (targets.Contains(VendorTarget.Vivado)) files.AddRange(VivadoFlow.Files(design));
        if (targets.Contains(VendorTarget.Quartus)) files.AddRange(QuartusFlow.Files(design));
        files.Add(FuseSocCore.File(design, targets));
        return files;
    }

    /// <summary>Checks the options before anything is compiled or written; one error naming the option.</summary>
    public static void Check(RtlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = new HdlNames(options.Prefix);
        if (options.Part is { } part)
        {
            if (!options.Targets.Contains(VendorTarget.Vivado))
                throw new EiecException($"--part {part}: only used with --target vivado");
            if (!DeviceName().IsMatch(part))
                throw new EiecException($"--part '{part}': not a part name (letters, digits, '-' and '_')");
        }
        if (options.Device is { } device)
        {
            if (!options.Targets.Contains(VendorTarget.Quartus))
                throw new EiecException($"--device {device}: only used with --target quartus");
            if (!DeviceName().IsMatch(device))
                throw new EiecException($"--device '{device}': not a device name (letters, digits, '-' and '_')");
            QuartusFamily(device);
        }
    }

    /// <summary>The Quartus family of a device name, from its prefix; an unknown prefix is an error.</summary>
    public static string QuartusFamily(string device)
    {
        var upper = device.ToUpperInvariant();
        // Longest prefix first: 10CL before 10A and 10M; EP4CGX before EP4CE.
        foreach (var (prefix, family) in Families.OrderByDescending(f => f.Prefix.Length))
            if (upper.StartsWith(prefix, StringComparison.Ordinal)) return family;
        throw new EiecException($"--device {device}: unknown Quartus family (known device prefixes: " +
            string.Join(", ", Families.Select(f => $"{f.Prefix} {f.Family}")) + ")");
    }

    /// <summary>Parses a --target value (any case); an unknown name is an error listing the known ones.</summary>
    public static VendorTarget ParseTarget(string name)
    {
        foreach (var target in Enum.GetValues<VendorTarget>())
            if (string.Equals(target.ToString(), name.Trim(), StringComparison.OrdinalIgnoreCase)) return target;
        throw new EiecException($"--target {name}: unknown target (vivado, quartus or fusesoc)");
    }

    // Safe to write into a TCL script unquoted: no spaces, brackets, braces, quotes or '$'.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex DeviceName();
}
