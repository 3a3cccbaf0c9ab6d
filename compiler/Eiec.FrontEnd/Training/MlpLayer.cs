namespace Eiec.FrontEnd.Training;

/// <summary>
/// One trainable FC layer. In the masked phase <see cref="Mask"/> (1 = kept, 0 = pruned) pins pruned
/// weights at zero; in the shared phase every weight is <c>Codebook[CodeMap[k]]</c> and only the
/// codebook (entries 1..K; entry 0 stays 0.0) and the bias are trained.
/// </summary>
public sealed class MlpLayer
{
    public required string Name { get; init; }
    public required int Inputs { get; init; }
    public required int Outputs { get; init; }
    /// <summary>Outputs × Inputs, row-major.</summary>
    public required float[] Weight { get; init; }
    public required float[] Bias { get; init; }
    public required bool Relu { get; init; }
    public float[]? Mask { get; set; }
    public byte[]? CodeMap { get; set; }
    public float[]? Codebook { get; set; }
}
