namespace Eiec.FrontEnd.Compress;

/// <summary>
/// One point of `eiec compress --sweep`: the model compressed to one density, its size, and its top-1
/// accuracy in float (FloatReference) and in fixed point (golden model) on the same test examples.
/// </summary>
public sealed record CompressionSweepRow(string Label, double Density, long Kept, long Weights, double Ratio,
    double RatioHuffman,
    double FloatAccuracy, double GoldenAccuracy, int Examples);
