using Eiec.Contract.Config;

namespace Eiec.Contract.Image;

/// <summary>
/// <c>image.json</c>: the one contract between the compiler and every consumer (golden model,
/// simulator, RTL testbench). It names every memory file with its width and depth, the layer order
/// and each layer's fixed-point formats, and embeds the full accelerator configuration.
/// </summary>
public sealed record ImageManifest
{
    public const string FormatName = "eiec-image";
    public const int CurrentVersion = 1;
    /// <summary>Tool and version every generated file names (image.json's generator, the RTL provenance).</summary>
    public const string CurrentGenerator = "eiec 0.1";

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = CurrentVersion;
    public required string Model { get; init; }
    /// <summary>File name (not path) of the source model, so rebuilding elsewhere gives identical bytes.</summary>
    public required string Source { get; init; }
    public required string Generator { get; init; }
    public required AccelConfig Accelerator { get; init; }
    /// <summary>A: fraction bits of every activation and bias (one format for the whole network).</summary>
    public required int ActivationFracBits { get; init; }
    /// <summary>Normalization of raw inputs from the .cz (optional; absent from image.json when the model has
    /// none).</summary>
    public Eiec.Contract.Cz.CzInputNormalization? InputNormalization { get; init; }
    /// <summary>How the rows were placed on the PEs: "rows" for a balanced image (docs/balancing.md); absent
    /// (null) for EIE's row i on PE i mod N, so such images stay byte-identical to earlier builds.</summary>
    public string? Balance { get; init; }
    public required IReadOnlyList<ImageLayer> Layers { get; init; }
    public required IReadOnlyList<ImageMemory> Memories { get; init; }
}
