namespace Eiec.FrontEnd.Gen;

/// <summary>What <see cref="RandomModel"/> generates: layer sizes, weight density, options.</summary>
public sealed record RandomModelSpec
{
    /// <summary>Layer widths: inputs of layer 0, then the outputs of each layer.</summary>
    public required int[] Dims { get; init; }
    /// <summary>Fraction of weights kept, per layer (one value = all layers).</summary>
    public required double[] WeightDensity { get; init; }
    public int Seed { get; init; } = 1;
    public bool Bias { get; init; }
    /// <summary>Codebook entries (entry 0 = 0.0; codes used are 1..size−1).</summary>
    public int CodebookSize { get; init; } = 16;
    /// <summary>Largest |codebook value|.</summary>
    public double WeightScale { get; init; } = 0.5;
    public double BiasScale { get; init; } = 0.25;
    /// <summary>ReLU on every layer but the last (which is identity) unless set.</summary>
    public bool ReluOnLast { get; init; }
    public string Name { get; init; } = "random";
    /// <summary>
    /// Spread of per-row and per-column densities (coefficient of variation of log-normal weights,
    /// <see cref="SkewedPositions"/>); 0 = uniform random positions, as before.
    /// </summary>
    public double Skew { get; init; }
}
