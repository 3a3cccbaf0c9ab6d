namespace Eiec.FrontEnd.Gen;

/// <summary>One benchmark layer shape (EIE paper Table III): inputs = columns of W, outputs = rows.</summary>
public sealed record BenchmarkLayer
{
    public string Name { get; init; } = "";
    public int Inputs { get; init; }
    public int Outputs { get; init; }
    /// <summary>Fraction of W kept after pruning.</summary>
    public double WeightDensity { get; init; }
    /// <summary>Fraction of non-zero input activations.</summary>
    public double ActivationDensity { get; init; }
}
