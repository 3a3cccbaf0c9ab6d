namespace Eiec.Golden;

/// <summary>What the golden model computed for one input vector.</summary>
public sealed class GoldenResult
{
    /// <summary>
    /// Outputs of every layer as written back (16-bit, activation fraction bits), [layer][slot]: slot s is PE
    /// s mod N, local row s / N, which is output s unless the image is row-balanced (docs/balancing.md).
    /// </summary>
    public required short[][] LayerOutputs { get; init; }
    /// <summary>The last layer's outputs in index order (what the array streams out).</summary>
    public required short[] Output { get; init; }
    /// <summary>Write-back saturation events per layer.</summary>
    public required long[] Saturations { get; init; }
    /// <summary>
    /// Multiply-accumulates performed per layer (non-zero inputs × stored entries, padding included).
    /// </summary>
    public required long[] Macs { get; init; }
}
