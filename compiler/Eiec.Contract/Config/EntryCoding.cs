namespace Eiec.Contract.Config;

/// <summary>
/// The sparse-matrix entry and the padding rule (EIE Sec. III-B), defined once: an entry is
/// <c>z &lt;&lt; CodeBits | v</c> (v the codebook index, z the zero rows since the previous entry of the
/// column); a zero run longer than <see cref="MaxZ"/> is coded as <see cref="PaddingEntriesFor"/>
/// padding entries (v = 0, z = MaxZ), each standing for <see cref="PaddingRun"/> rows, then the entry
/// with the remaining run. The compiler encodes with it; the compression report counts with it.
/// </summary>
public readonly record struct EntryCoding(int CodeBits, int IndexBits)
{
    /// <summary>Bits per entry.</summary>
    public int Bits => CodeBits + IndexBits;
    /// <summary>Largest zero run one entry can express.</summary>
    public int MaxZ => (1 << IndexBits) - 1;
    /// <summary>Rows one padding entry stands for (its own row included).</summary>
    public int PaddingRun => MaxZ + 1;
    /// <summary>The padding entry: code 0, z = MaxZ.</summary>
    public int PaddingEntry => Pack(MaxZ, 0);
    public int CodeMask => (1 << CodeBits) - 1;

    public int Pack(int z, int code) => z << CodeBits | code;
    public int Code(int entry) => entry & CodeMask;
    public int Z(int entry) => entry >> CodeBits;

    /// <summary>Padding entries a run of <paramref name="zeros"/> zero rows needs before the next entry.</summary>
    public int PaddingEntriesFor(int zeros) => zeros / PaddingRun;
    /// <summary>z of the entry that follows those padding entries.</summary>
    public int RemainingZ(int zeros) => zeros % PaddingRun;
}
