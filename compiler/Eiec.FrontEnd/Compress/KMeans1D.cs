namespace Eiec.FrontEnd.Compress;

/// <summary>
/// Exact Lloyd's k-means in one dimension, as Deep Compression uses it for weight sharing:
/// centroids start linearly spaced between the minimum and maximum value, each iteration assigns
/// every value to its nearest centroid (a tie goes to the lower centroid) and moves each centroid
/// to the mean of its members, until no assignment changes. A cluster that becomes empty is dropped.
/// <para>
/// In 1-D with sorted centroids the clusters are contiguous ranges of the sorted values, cut at the
/// midpoints between neighbouring centroids. So the values are sorted once (O(n log n)) and a prefix
/// sum makes each iteration O(k log n): a binary search per cut and one subtraction per mean. The
/// result is the same as the plain O(n·k) iteration (up to the rounding of the double prefix sums).
/// </para>
/// </summary>
public static class KMeans1D
{
    public const int DefaultMaxIterations = 300;

    /// <summary>Sorted centroids (ascending, distinct, none empty). Empty input gives no centroids.</summary>
    public static double[] Fit(ReadOnlySpan<float> values, int k, int maxIterations = DefaultMaxIterations) =>
        Fit(values, k, maxIterations, out _);

    public static double[] Fit(ReadOnlySpan<float> values, int k, int maxIterations, out int iterations)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), "k must be at least 1");
        iterations = 0;
        int n = values.Length;
        if (n == 0) return [];
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var prefix = new double[n + 1];
        for (int i = 0; i < n; i++) prefix[i + 1] = prefix[i] + sorted[i];

        double min = sorted[0], max = sorted[^1];
        if (min == max) return [min];
        var centroids = new List<double>(k);
        for (int j = 0; j < k; j++) centroids.Add(k == 1 ? (min + max) / 2 : min + (max - min) * j / (k - 1));

        int[]? previousCuts = null;
        while (iterations < maxIterations)
        {
            var cuts = Cuts(sorted, centroids);
            if (previousCuts is not null && cuts.AsSpan().SequenceEqual(previousCuts)) break;
            iterations++;
            var next = new List<double>(centroids.Count);
            int start = 0;
            for (int j = 0; j < centroids.Count; j++)
            {
                int end = j < cuts.Length ? cuts[j] : n;
                if (end > start) next.Add((prefix[end] - prefix[start]) / (end - start));
                start = end;
            }
            // An emptied cluster is dropped; its cut vanishes with it, so cuts are re-derived next pass.
            previousCuts = next.Count == centroids.Count ? cuts : null;
            centroids = next;
        }
        return centroids.ToArray();
    }

    /// <summary>cut[j] = number of values assigned to clusters 0..j = first index with value &gt; midpoint(j, j+1).</summary>
    private static int[] Cuts(float[] sorted, List<double> centroids)
    {
        var cuts = new int[centroids.Count - 1];
        for (int j = 0; j < cuts.Length; j++)
            cuts[j] = UpperBound(sorted, (centroids[j] + centroids[j + 1]) / 2);
        return cuts;
    }

    private static int UpperBound(float[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
