namespace Eiec.Golden;

/// <summary>What the golden model computed for one input vector.</summary>
public sealed class GoldenResult
{
    /// <summary>Outputs of every layer (16-bit, activation fraction bits), index = layer.</summary>
    public required short[][] LayerOutputs { get; init; }
    /// <summary>Write-back saturation events per layer.</summary>
    public required long[] Saturations { get; init; }
    /// <summary>
    /// Multiply-accumulates performed per layer (non-zero inputs × stored entries, padding included).
    /// </summary>
    public required long[] Macs { get; init; }

    public short[] Output => LayerOutputs[^1];
}
