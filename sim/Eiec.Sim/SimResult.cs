using Eiec.Sim.Stats;

namespace Eiec.Sim;

/// <summary>The result of one inference: every layer's 16-bit outputs, saturations and statistics.</summary>
public sealed class SimResult
{
    /// <summary>
    /// Outputs of each layer as written back, [layer][slot] (fixed point, activation_frac_bits fraction bits):
    /// slot s is PE s mod N, local row s / N, which is output s unless the image is row-balanced
    /// (docs/balancing.md).
    /// </summary>
    public required short[][] LayerOutputs { get; init; }
    /// <summary>The last layer's outputs in index order, as OUT streams them.</summary>
    public required short[] Output { get; init; }
    /// <summary>Write-back saturations per layer, events.</summary>
    public required long[] Saturations { get; init; }
    public required SimStats Stats { get; init; }
}
