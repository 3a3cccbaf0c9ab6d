using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Sim;

namespace Eiec.Toolchain.Sweep;

/// <summary>Inputs of a design-space sweep (<see cref="EiecToolchain.PlanSweep"/>).</summary>
public sealed record SweepRequest
{
    /// <summary>Compressed model (.cz).</summary>
    public required string ModelPath { get; init; }
    /// <summary>Directory for sweep.csv, sweep.json and the plots.</summary>
    public required string OutputDir { get; init; }
    /// <summary>Configuration every point starts from.</summary>
    public AccelConfig BaseConfig { get; init; } = new();
    /// <summary>PE counts, in order.</summary>
    public required IReadOnlyList<int> Pes { get; init; }
    /// <summary>Activation-queue depths, in order.</summary>
    public required IReadOnlyList<int> FifoDepths { get; init; }
    /// <summary>Further accelerator fields swept (every combination).</summary>
    public IReadOnlyList<SweepField> Fields { get; init; } = [];
    /// <summary>Activation fraction bits.</summary>
    public int ActivationFracBits { get; init; } = ImageCompiler.DefaultActivationFracBits;
    /// <summary>Input .npy (first vector used), or null for a seeded random vector at <see cref="Density"/>.</summary>
    public string? InputPath { get; init; }
    /// <summary>Non-zero fraction of the default input.</summary>
    public double Density { get; init; } = DefaultInput.Density;
    /// <summary>Energy-per-action YAML, or null for the built-in table.</summary>
    public string? EnergyTablePath { get; init; }
    /// <summary>
    /// Points compiled and simulated at once, at least 1; null for every core (rows do not depend on it).
    /// </summary>
    public int? Jobs { get; init; }
}
