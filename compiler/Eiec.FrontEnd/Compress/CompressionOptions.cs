namespace Eiec.FrontEnd.Compress;

/// <summary>What <see cref="DeepCompressor"/> does to each layer.</summary>
public sealed record CompressionOptions
{
    /// <summary>Fraction of weights kept in every layer not listed in <see cref="LayerDensities"/>.</summary>
    public double Density { get; init; } = 0.1;
    /// <summary>Per-layer fractions kept, by layer name (from a prune.yaml).</summary>
    public IReadOnlyDictionary<string, double> LayerDensities { get; init; } = new Dictionary<string, double>();
    /// <summary>
    /// <see cref="PruneScope.Layer"/>: every layer to its own density; <see cref="PruneScope.Global"/>:
    /// one threshold for the whole model, which keeps <see cref="Density"/> of all weights.
    /// </summary>
    public PruneScope Scope { get; init; } = PruneScope.Layer;
    /// <summary>
    /// Codebook of at most 2^bits entries, entry 0 = 0.0, so 2^bits − 1 shared weights; 0 = no weight
    /// sharing (stop after pruning: the result is a dense model with zeros, not a .cz).
    /// </summary>
    public int CodebookBits { get; init; } = 4;
    public int KMeansMaxIterations { get; init; } = KMeans1D.DefaultMaxIterations;
    /// <summary>Relative-index width used for the storage accounting (EIE's 4 bits).</summary>
    public int IndexBits { get; init; } = 4;

    public double DensityOf(string layer) => LayerDensities.TryGetValue(layer, out var d) ? d : Density;

    /// <summary>Weight sharing is on (a .cz can be written).</summary>
    public bool Shares => CodebookBits > 0;
}
