namespace Eiec.Contract.Cz;

/// <summary>
/// One pruned, weight-shared fully connected layer: b = f(W·a + bias), W is Outputs × Inputs,
/// stored in SciPy CSC layout (columns = inputs). Weight W[Indices[k], col] = Codebook[Codes[k]]
/// for k in IndPtr[col] .. IndPtr[col+1]-1.
/// </summary>
public sealed class CzLayer
{
    public required string Name { get; init; }
    /// <summary>Layer kind; only "fc" exists today.</summary>
    public string Kind { get; init; } = "fc";
    /// <summary>Columns of W (length of the input vector a).</summary>
    public required int Inputs { get; init; }
    /// <summary>Rows of W (length of the output vector b).</summary>
    public required int Outputs { get; init; }
    public required LayerActivation Activation { get; init; }
    /// <summary>CSC column pointers, length Inputs + 1, non-decreasing, IndPtr[0] = 0.</summary>
    public required int[] IndPtr { get; init; }
    /// <summary>Row index of each stored weight, strictly increasing within a column.</summary>
    public required int[] Indices { get; init; }
    /// <summary>Codebook index of each stored weight.</summary>
    public required byte[] Codes { get; init; }
    /// <summary>Shared weight values; entry 0 is 0.0; at most 2^code_bits entries.</summary>
    public required float[] Codebook { get; init; }
    /// <summary>Optional bias, length Outputs.</summary>
    public float[]? Bias { get; init; }

    public int NonZeros => Indices.Length;
}
