using Eiec.Sim;

namespace Eiec.Toolchain.Simulate;

/// <summary>Inputs of <see cref="EiecToolchain.Simulate"/>: the cycle simulator on an image directory.</summary>
public sealed record SimulateRequest
{
    /// <summary>Image directory written by a build.</summary>
    public required string ImageDir { get; init; }
    /// <summary>Input .npy (as for a run), or null for the seeded default vector.</summary>
    public string? InputPath { get; init; }
    /// <summary>Queue depth, clock and engine overrides (null fields: the image's).</summary>
    public SimOptions Options { get; init; } = new();
    /// <summary>Energy-per-action YAML, or null for the built-in eie-45nm table.</summary>
    public string? EnergyTablePath { get; init; }
    /// <summary>Write the full JSON report here, or null.</summary>
    public string? JsonPath { get; init; }
    /// <summary>Write the last layer's outputs here (.npy), or null.</summary>
    public string? OutputPath { get; init; }
    /// <summary>Write the per-PE activity timeline here (PNG), or null.</summary>
    public string? PlotPath { get; init; }
    /// <summary>Write the energy-by-unit plot here (PNG), or null.</summary>
    public string? EnergyPlotPath { get; init; }
    /// <summary>Write int16 fixed-point outputs instead of float32 in real units.</summary>
    public bool Raw { get; init; }
    /// <summary>Timing mode: load and simulate this many more times (0: none).</summary>
    public int Repeat { get; init; }
    /// <summary>Worker threads, at least 1; null for every core (results do not depend on it).</summary>
    public int? Jobs { get; init; }
}
