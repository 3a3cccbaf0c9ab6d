namespace Eiec.FrontEnd.Compress;

/// <summary>
/// A layer after weight sharing: the codebook (entry 0 = 0.0) and the code map, one byte per weight
/// of the row-major Outputs × Inputs matrix (0 = pruned, else the kept weight's codebook index).
/// </summary>
public sealed record SharedWeights(float[] Codebook, byte[] CodeMap, int KMeansIterations);
