namespace Eiec.FrontEnd.Compress;

/// <summary>
/// Magnitude pruning: keep exactly the <c>keep</c> weights of largest |w|. The threshold is found by
/// a two-pass radix selection on the bit patterns of |w| (for non-negative IEEE floats, the order of
/// the bit patterns is the order of the values): a 65,536-bin histogram of the high 16 bits, then
/// one of the low 16 bits inside the bin that holds the k-th largest. O(n), no sort and no copy of
/// the weights. Ties at the threshold are broken by position: the first ones in row-major order
/// are kept, so the count is exact and the result is deterministic.
/// </summary>
public static class MagnitudePruner
{
    private const int Bins = 1 << 16;
    /// <summary>Slices per parallel histogram pass; a constant, so results never depend on the core count.</summary>
    private const int Slices = 16;

    /// <summary>The number of weights a density keeps: round(density · n), clamped to [0, n].</summary>
    public static long KeepCount(long total, double density) =>
        Math.Clamp((long)Math.Round(density * total, MidpointRounding.AwayFromZero), 0, total);

    /// <summary>Returns the mask (true = kept) of exactly <paramref name="keep"/> weights.</summary>
    public static bool[] Prune(float[] weights, long keep)
    {
        var threshold = Select(weights, keep);
        var mask = new bool[weights.LongLength];
        if (keep == 0) return mask;
        long tiesLeft = threshold.TiesKept;
        uint t = threshold.Bits;
        // Above-threshold weights are kept in parallel; ties (rare) in order afterwards.
        Parallel.For(0, Slices, s =>
        {
            var (lo, hi) = SliceRange(weights.LongLength, s);
            for (long k = lo; k < hi; k++) mask[k] = AbsBits(weights[k]) > t;
        });
        for (long k = 0; k < weights.LongLength && tiesLeft > 0; k++)
            if (AbsBits(weights[k]) == t) { mask[k] = true; tiesLeft--; }
        return mask;
    }

    /// <summary>
    /// The threshold: |w| bit pattern of the keep-th largest magnitude, and how many weights with
    /// exactly that magnitude are kept (the rest of the kept weights are strictly larger).
    /// </summary>
    public static (uint Bits, long TiesKept) Select(float[] weights, long keep)
    {
        long n = weights.LongLength;
        if (keep < 0 || keep > n) throw new ArgumentOutOfRangeException(nameof(keep), $"keep = {keep} of {n}");
        if (keep == 0) return (uint.MaxValue, 0);

        var high = Histogram(weights, highBin: -1);
        var (bin, above) = FindBin(high, keep);
        var low = Histogram(weights, highBin: bin);
        var (lowBin, aboveInBin) = FindBin(low, keep - above);
        uint threshold = ((uint)bin << 16) | (uint)lowBin;
        long greater = above + aboveInBin;
        return (threshold, keep - greater);
    }

    /// <summary>|w| as an ordered bit pattern (sign cleared; −0 and +0 both 0).</summary>
    public static uint AbsBits(float w) => BitConverter.SingleToUInt32Bits(w) & 0x7FFF_FFFFu;

    /// <summary>
    /// Highest bin b such that count(bins > b) &lt; k ≤ count(bins ≥ b); returns b and count(bins > b).
    /// </summary>
    private static (int Bin, long Above) FindBin(long[] histogram, long k)
    {
        long above = 0;
        for (int b = histogram.Length - 1; b >= 0; b--)
        {
            if (above + histogram[b] >= k) return (b, above);
            above += histogram[b];
        }
        throw new InvalidOperationException("selection ran past the histogram");
    }

    /// <summary>
    /// highBin &lt; 0: histogram of the high 16 bits; else of the low 16 bits of weights in that high bin.
    /// </summary>
    private static long[] Histogram(float[] weights, int highBin)
    {
        var partial = new long[Slices][];
        Parallel.For(0, Slices, s =>
        {
            var h = new long[Bins];
            var (lo, hi) = SliceRange(weights.LongLength, s);
            for (long k = lo; k < hi; k++)
            {
                uint bits = AbsBits(weights[k]);
                if (highBin < 0) h[bits >> 16]++;
                else if ((bits >> 16) == (uint)highBin) h[bits & 0xFFFF]++;
            }
            partial[s] = h;
        });
        var total = new long[Bins];
        foreach (var h in partial)
            for (int b = 0; b < Bins; b++) total[b] += h[b];
        return total;
    }

    internal static (long Lo, long Hi) SliceRange(long n, int slice) => (n * slice / Slices, n * (slice + 1) / Slices);
}
