namespace Eiec.Toolchain.Compress;

/// <summary>
/// Inputs of <see cref="EiecToolchain.CompressSweep"/>: one compression per density, each point scored
/// in float and on the golden model.
/// </summary>
public sealed record CompressSweepRequest
{
    /// <summary>
    /// Everything but the density: model, retraining data and settings, scope; its output path is the
    /// directory the sweep writes (sweep.csv, the plots, one .cz per density).
    /// </summary>
    public required CompressRequest Compress { get; init; }

    /// <summary>The densities, in the order they are compressed and listed.</summary>
    public required IReadOnlyList<double> Densities { get; init; }

    /// <summary>Name of this sweep's curve in sweep.csv and the plots, or null for scope and steps.</summary>
    public string? Label { get; init; }

    /// <summary>Earlier sweep.csv files whose curves the plots also draw.</summary>
    public IReadOnlyList<string> Compare { get; init; } = [];
}
