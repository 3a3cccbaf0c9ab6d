using Eiec.Hdl.Vendor;

namespace Eiec.Hdl;

/// <summary>
/// What a build generates besides the image: the name prefix of the RTL (empty: today's names), the form of the
/// multiplier and the vendor flows to write into rtl/. <see cref="Default"/> generates exactly the RTL of a plain
/// build.
/// </summary>
public sealed record RtlOptions
{
    /// <summary>Goes in front of every module, file and macro name (<see cref="HdlNames"/>).</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Vendor flows to write (in rtl/vivado, rtl/quartus and rtl/TOP.core); none by default.</summary>
    public IReadOnlyList<VendorTarget> Targets { get; init; } = [];

    /// <summary>Vivado part; null: <see cref="VendorFlows.DefaultPart"/>. Only with the Vivado target.</summary>
    public string? Part { get; init; }

    /// <summary>Quartus device; null: <see cref="VendorFlows.DefaultDevice"/>. Only with the Quartus target.</summary>
    public string? Device { get; init; }

    /// <summary>
    /// The multiplier's form; null: derived from the targets, <see cref="MultiplierKind.Dsp"/> with a Vivado or
    /// Quartus flow (every such device has DSP blocks), else <see cref="MultiplierKind.Logic"/> (today's RTL).
    /// </summary>
    public MultiplierKind? Multiplier { get; init; }

    /// <summary>The multiplier of this generation: <see cref="Multiplier"/>, or derived from the targets.</summary>
    public MultiplierKind EffectiveMultiplier => Multiplier
        ?? (Targets.Contains(VendorTarget.Vivado) || Targets.Contains(VendorTarget.Quartus)
            ? MultiplierKind.Dsp
            : MultiplierKind.Logic);

    public static RtlOptions Default { get; } = new();
}
