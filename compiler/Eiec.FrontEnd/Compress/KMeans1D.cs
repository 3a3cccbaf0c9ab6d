namespace Eiec.FrontEnd.Compress;

/// <summary>
/// Exact Lloyd's k-means in one dimension, as Deep Compression uses it for weight sharing:
/// centroids start linearly spaced between the minimum and maximum value, each iteration assigns
/// every value to its nearest centroid (a tie goes to the lower centroid) and moves each centroid
/// to the mean of its members, until no assignment changes. A cluster that becomes empty is re-seeded:
/// the cluster with the largest sum of squared deviations is split at its mean into two (so a linear
/// start with centroids in empty gaps of the weight distribution still ends with k shared values,
/// or with one per distinct value when there are fewer than k).
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

    /// <summary>Sorted centroids (ascending, distinct, none empty): k of them, or one per distinct value if fewer.
    /// Empty input gives none.</summary>
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
        var squares = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            prefix[i + 1] = prefix[i] + sorted[i];
            squares[i + 1] = squares[i] + (double)sorted[i] * sorted[i];
        }

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
            var ranges = new List<(int Start, int End)>(centroids.Count);
            int start = 0;
            for (int j = 0; j < centroids.Count; j++)
            {
                int end = j < cuts.Length ? cuts[j] : n;
                if (end > start)
                {
                    next.Add((prefix[end] - prefix[start]) / (end - start));
                    ranges.Add((start, end));
                }
                start = end;
            }
            bool emptied = next.Count < centroids.Count;
            if (emptied) Reseed(sorted, prefix, squares, next, ranges, k);
            // The set of clusters changed, so the cuts are re-derived next pass before convergence is judged.
            previousCuts = emptied ? null : cuts;
            centroids = next;
        }
        return centroids.ToArray();
    }

    /// <summary>
    /// Brings <paramref name="centroids"/> back to k by splitting, one at a time, the cluster of largest
    /// sum of squared deviations at its mean (values ≤ mean | values &gt; mean). Stops early when every
    /// cluster holds one distinct value. Ties between clusters go to the lowest one, so it is deterministic.
    /// </summary>
    private static void Reseed(float[] sorted, double[] prefix, double[] squares, List<double> centroids,
        List<(int Start, int End)> ranges, int k)
    {
        while (centroids.Count < k)
        {
            int worst = -1;
            double worstSse = 0;
            for (int j = 0; j < ranges.Count; j++)
            {
                var (s, e) = ranges[j];
                if (sorted[s] == sorted[e - 1]) continue; // one distinct value: nothing to split
                double sum = prefix[e] - prefix[s];
                double sse = squares[e] - squares[s] - sum * sum / (e - s);
                if (worst < 0 || sse > worstSse) { worst = j; worstSse = sse; }
            }
            if (worst < 0) return;
            var (lo, hi) = ranges[worst];
            double mean = (prefix[hi] - prefix[lo]) / (hi - lo);
            int cut = UpperBound(sorted, mean, lo, hi);
            // Rounding of the prefix sums could put the mean outside (min, max): cut between distinct values.
            if (cut <= lo || cut >= hi) cut = UpperBound(sorted, sorted[lo], lo, hi);
            centroids[worst] = (prefix[cut] - prefix[lo]) / (cut - lo);
            centroids.Insert(worst + 1, (prefix[hi] - prefix[cut]) / (hi - cut));
            ranges[worst] = (lo, cut);
            ranges.Insert(worst + 1, (cut, hi));
        }
    }

    /// <summary>cut[j] = number of values assigned to clusters 0..j = first index with value &gt; midpoint(j,
    /// j+1).</summary>
    private static int[] Cuts(float[] sorted, List<double> centroids)
    {
        var cuts = new int[centroids.Count - 1];
        for (int j = 0; j < cuts.Length; j++)
            cuts[j] = UpperBound(sorted, (centroids[j] + centroids[j + 1]) / 2);
        return cuts;
    }

    private static int UpperBound(float[] sorted, double value) => UpperBound(sorted, value, 0, sorted.Length);

    /// <summary>First index in [lo, hi) whose value is greater than <paramref name="value"/> (hi if none).</summary>
    private static int UpperBound(float[] sorted, double value, int lo, int hi)
    {
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
