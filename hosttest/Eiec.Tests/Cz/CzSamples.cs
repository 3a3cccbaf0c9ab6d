using Eiec.Contract.Cz;

namespace Eiec.Tests.Cz;

/// <summary>Small valid models with hand-checked CSC arrays, and copies with one thing changed.</summary>
public static class CzSamples
{
    /// <summary>
    /// fc1 (4 → 3, relu, bias): W = [[0.5, 0, 0, 0.5], [0, 0, 2, 0.5], [-1, 0, 0, -1]].
    /// fc2 (3 → 2, none, no bias): W = [[0, 1, 0.25], [1, -0.5, 0]].
    /// </summary>
    public static CzModel TwoLayer() => new("tiny-mlp", [Fc1(), Fc2()]);

    public static CzLayer Fc1() => new()
    {
        Name = "fc1",
        Inputs = 4,
        Outputs = 3,
        Activation = LayerActivation.Relu,
        IndPtr = [0, 2, 2, 3, 6],
        Indices = [0, 2, 1, 0, 1, 2],
        Codes = [1, 2, 3, 1, 1, 2],
        Codebook = [0f, 0.5f, -1f, 2f],
        Bias = [0.1f, -0.2f, 0.3f],
    };

    public static CzLayer Fc2() => new()
    {
        Name = "fc2",
        Inputs = 3,
        Outputs = 2,
        Activation = LayerActivation.None,
        IndPtr = [0, 1, 3, 4],
        Indices = [1, 0, 1, 0],
        Codes = [1, 2, 3, 1],
        Codebook = [0f, 1f, -0.5f, 0.25f],
    };

    public static CzLayer Copy(
        CzLayer layer, string? name = null, string? kind = null, int? inputs = null, int? outputs = null,
        LayerActivation? activation = null, int[]? indptr = null, int[]? indices = null, byte[]? codes = null,
        float[]? codebook = null, float[]? bias = null, bool dropBias = false) => new()
        {
            Name = name ?? layer.Name,
            Kind = kind ?? layer.Kind,
            Inputs = inputs ?? layer.Inputs,
            Outputs = outputs ?? layer.Outputs,
            Activation = activation ?? layer.Activation,
            IndPtr = indptr ?? layer.IndPtr,
            Indices = indices ?? layer.Indices,
            Codes = codes ?? layer.Codes,
            Codebook = codebook ?? layer.Codebook,
            Bias = dropBias ? null : bias ?? layer.Bias,
        };

    /// <summary>W as a dense Outputs × Inputs matrix, decoded independently of the reader.</summary>
    public static float[,] Dense(CzLayer layer)
    {
        var w = new float[layer.Outputs, layer.Inputs];
        for (var col = 0; col < layer.Inputs; col++)
            for (var k = layer.IndPtr[col]; k < layer.IndPtr[col + 1]; k++)
                w[layer.Indices[k], col] = layer.Codebook[layer.Codes[k]];
        return w;
    }
}
