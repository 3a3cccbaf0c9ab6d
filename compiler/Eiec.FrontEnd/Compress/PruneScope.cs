namespace Eiec.FrontEnd.Compress;

/// <summary>Where the magnitude threshold of pruning is drawn.</summary>
public enum PruneScope
{
    /// <summary>Each layer keeps its own density (<see cref="CompressionOptions.DensityOf"/>) of its largest
    /// weights.</summary>
    Layer,
    /// <summary>
    /// One magnitude threshold over all layers: the model keeps <see cref="CompressionOptions.Density"/> of
    /// all its weights, the largest ones wherever they are, so small layers whose weights are large (the
    /// output layer) keep more and big redundant ones (the first layer) keep less.
    /// </summary>
    Global,
}
