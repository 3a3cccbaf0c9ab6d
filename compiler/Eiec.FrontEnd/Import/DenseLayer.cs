using Eiec.Contract.Cz;

namespace Eiec.FrontEnd.Import;

/// <summary>
/// One dense fully connected layer, b = f(W·a + bias), before compression. W is Outputs × Inputs,
/// row-major (PyTorch's convention): W[o, i] = Weight[o · Inputs + i].
/// </summary>
public sealed class DenseLayer
{
    public required string Name { get; init; }
    public required int Inputs { get; init; }
    public required int Outputs { get; init; }
    /// <summary>Outputs × Inputs, row-major.</summary>
    public required float[] Weight { get; init; }
    /// <summary>Optional bias, length Outputs.</summary>
    public float[]? Bias { get; init; }
    public required LayerActivation Activation { get; init; }

    public long WeightCount => (long)Inputs * Outputs;
}
