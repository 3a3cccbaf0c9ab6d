namespace Eiec.FrontEnd.Compress;

/// <summary>
/// Maps a kept weight to its codebook entry: the nearest of entries 1..K of a codebook whose
/// entries 1..K ascend (entry 0 is the reserved 0.0 and is never chosen for a kept weight).
/// A value exactly halfway between two entries takes the lower one, as in <see cref="KMeans1D"/>.
/// </summary>
public sealed class CodeAssigner
{
    private readonly double[] _cuts;

    public CodeAssigner(float[] codebook)
    {
        if (codebook.Length < 2)
            throw new ArgumentException("the codebook has no entry besides the reserved 0.0", nameof(codebook));
        for (int j = 2; j < codebook.Length; j++)
            if (!(codebook[j] > codebook[j - 1]))
                throw new ArgumentException("codebook entries 1..K must ascend strictly", nameof(codebook));
        _cuts = new double[codebook.Length - 2];
        for (int j = 0; j < _cuts.Length; j++) _cuts[j] = ((double)codebook[j + 1] + codebook[j + 2]) / 2;
    }

    /// <summary>The code (1..K) of <paramref name="weight"/>.</summary>
    public byte Code(float weight)
    {
        int lo = 0, hi = _cuts.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (weight <= _cuts[mid]) hi = mid; else lo = mid + 1;
        }
        return (byte)(lo + 1);
    }

    /// <summary>
    /// A codebook for <paramref name="centroids"/> (ascending): entry 0 = 0.0, then the centroids as
    /// float32, with duplicates that the cast to float32 creates merged.
    /// </summary>
    public static float[] CodebookOf(IEnumerable<double> centroids)
    {
        var entries = new List<float> { 0f };
        foreach (var c in centroids)
        {
            float f = (float)c;
            if (entries.Count == 1 || f > entries[^1]) entries.Add(f);
        }
        return entries.ToArray();
    }
}
