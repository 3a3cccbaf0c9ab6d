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
}
