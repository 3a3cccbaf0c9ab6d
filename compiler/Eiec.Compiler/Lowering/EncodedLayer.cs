namespace Eiec.Compiler.Lowering;

/// <summary>
/// One layer in EIE storage, per PE: the entry stream (code in the low bits, relative row index
/// above) and the column pointers (relative to the layer's first entry in that PE).
/// </summary>
public sealed class EncodedLayer
{
    /// <summary>Entries of PE k: Entries[k][0 .. Counts[k]).</summary>
    public required ushort[][] Entries { get; init; }
    public required int[] Counts { get; init; }
    /// <summary>
    /// Pointers of PE k, Inputs + 1 of them: column j is Entries[k][Pointers[k][j] .. Pointers[k][j+1]).
    /// </summary>
    public required int[][] Pointers { get; init; }
    public required long Padding { get; init; }
    public required long NonZeros { get; init; }
}
