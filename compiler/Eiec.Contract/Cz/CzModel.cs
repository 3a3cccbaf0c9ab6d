namespace Eiec.Contract.Cz;

/// <summary>A compressed model: an ordered chain of layers (layer k's outputs are layer k+1's inputs).</summary>
public sealed record CzModel(string Name, IReadOnlyList<CzLayer> Layers)
{
    /// <summary>Normalization of raw input data, when the model was trained on normalized inputs (optional).</summary>
    public CzInputNormalization? Input { get; init; }
}
