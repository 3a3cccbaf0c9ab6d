using Eiec.Sim.Stats;

namespace Eiec.Sim;

/// <summary>The result of one inference: every layer's 16-bit outputs, saturations and statistics.</summary>
public sealed class SimResult
{
    /// <summary>Outputs of each layer, [layer][element] (fixed point, activation_frac_bits fraction bits).</summary>
    public required short[][] LayerOutputs { get; init; }
    /// <summary>Write-back saturations per layer, events.</summary>
    public required long[] Saturations { get; init; }
    public required SimStats Stats { get; init; }

    /// <summary>The last layer's outputs.</summary>
    public short[] Output => LayerOutputs[^1];
}
