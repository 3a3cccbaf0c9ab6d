namespace Eiec.Toolchain.Generate;

/// <summary>
/// Inputs of <see cref="EiecToolchain.Generate"/>: either a custom MLP (<see cref="Dims"/>) or layers
/// of a benchmark table (<see cref="Layers"/> or <see cref="AllLayers"/>).
/// </summary>
public sealed record GenerateRequest
{
    /// <summary>Output directory (created if needed).</summary>
    public required string OutputDir { get; init; }
    /// <summary>
    /// Custom MLP widths, input first, comma-separated ("784,300,10"); null to generate benchmark layers instead.
    /// </summary>
    public string? Dims { get; init; }
    /// <summary>Weight density of a custom MLP.</summary>
    public double Density { get; init; } = 0.1;
    /// <summary>Non-zero fraction of a custom MLP's input.</summary>
    public double InputDensity { get; init; } = 0.5;
    /// <summary>Benchmark layer names (case-insensitive).</summary>
    public IReadOnlyList<string> Layers { get; init; } = [];
    /// <summary>Every layer of the benchmark table.</summary>
    public bool AllLayers { get; init; }
    /// <summary>Benchmark table YAML, or null for the EIE paper's Table III.</summary>
    public string? TablePath { get; init; }
    /// <summary>Give every layer a random bias.</summary>
    public bool Bias { get; init; }
    /// <summary>
    /// Spread of per-row and per-column densities at the same overall density (coefficient of variation,
    /// e.g. 1.0; 0 = uniform random positions): real pruned layers are far less uniform than random ones.
    /// </summary>
    public double Skew { get; init; }
    /// <summary>Random seed: same seed, identical files.</summary>
    public int Seed { get; init; } = 1;
}
