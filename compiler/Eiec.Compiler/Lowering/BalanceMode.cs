namespace Eiec.Compiler.Lowering;

/// <summary>How the compiler places a layer's output rows on the PEs (docs/balancing.md).</summary>
public enum BalanceMode
{
    /// <summary>Row i on PE i mod N, local row i / N (EIE's interleaving; the image of earlier builds).</summary>
    None,
    /// <summary>
    /// Each group of N consecutive rows is spread over the N PEs by a load-balancing permutation (one row per
    /// PE, local row still i / N), chosen so that every PE gets nearly the same work in every column and
    /// every window of columns.
    /// </summary>
    Rows,
    /// <summary>
    /// <see cref="Rows"/>, then a local search that swaps rows of a group between PEs while the estimated SCAN
    /// cycles over sampled inputs fall (<see cref="RowSearch"/>).
    /// </summary>
    Search,
}
