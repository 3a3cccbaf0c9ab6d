namespace Eiec.FrontEnd.Gen;

/// <summary>
/// Kept-weight positions of a layer whose rows and columns are not equally dense, as in real pruned
/// layers (issue 12): each row i gets a weight r_i and each column j a weight c_j, both log-normal
/// with mean 1 and coefficient of variation <c>skew</c>. Column j keeps a share of the layer's weights
/// proportional to c_j (exactly <c>keep</c> in all, none above the column height), and draws its rows
/// without replacement with probability proportional to r_i, so dense
/// rows are dense in every column. The overall density is exactly the uniform generator's.
/// </summary>
public static class SkewedPositions
{
    /// <returns>Distinct positions <c>column · outputs + row</c>, sorted (column-major), <paramref name="keep"/>
    /// of them.</returns>
    public static long[] Sample(Random rng, int inputs, int outputs, long keep, double skew)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(skew);
        var rowWeight = LogNormal(rng, outputs, skew);
        var columnWeight = LogNormal(rng, inputs, skew);
        var perColumn = Apportion(columnWeight, keep, outputs);
        var result = new long[keep];
        long n = 0;
        var alias = new AliasTable(rowWeight);
        var taken = new bool[outputs];
        var keys = new double[outputs];
        var order = new int[outputs];
        var rows = new List<int>();
        for (int j = 0; j < inputs; j++)
        {
            int k = perColumn[j];
            if (k == 0) continue;
            rows.Clear();
            if (k <= outputs / 4)
            {
                // Sparse column: draw rows by weight, redrawing repeats (successive sampling without
                // replacement, the same distribution as the keys below, in O(k) draws when k ≪ outputs).
                while (rows.Count < k)
                {
                    int i = alias.Draw(rng);
                    if (taken[i]) continue;
                    taken[i] = true;
                    rows.Add(i);
                }
                foreach (int i in rows) taken[i] = false;
                rows.Sort();
            }
            else
            {
                // Dense column: the largest k of u^(1/w), compared as ln(u)/w (Efraimidis–Spirakis).
                for (int i = 0; i < outputs; i++)
                {
                    keys[i] = Math.Log(1.0 - rng.NextDouble()) / rowWeight[i];
                    order[i] = i;
                }
                Array.Sort(keys, order);
                Array.Sort(order, outputs - k, k);
                for (int t = outputs - k; t < outputs; t++) rows.Add(order[t]);
            }
            foreach (int i in rows) result[n++] = (long)j * outputs + i;
        }
        return result;
    }

    /// <summary>Positive weights with mean 1 and coefficient of variation <paramref name="cv"/>.</summary>
    private static double[] LogNormal(Random rng, int count, double cv)
    {
        var weights = new double[count];
        double sigma = Math.Sqrt(Math.Log(1 + cv * cv)), mu = -sigma * sigma / 2;
        for (int i = 0; i < count; i++)
        {
            // Box–Muller from two uniforms in (0, 1].
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            weights[i] = Math.Exp(mu + sigma * z);
        }
        return weights;
    }

    /// <summary>
    /// Splits <paramref name="total"/> over the weights in proportion, each share at most
    /// <paramref name="cap"/> (water-filling: capped shares give their excess to the others), rounded
    /// by largest remainder so the shares sum to exactly <paramref name="total"/>.
    /// </summary>
    private static int[] Apportion(double[] weights, long total, int cap)
    {
        var target = new double[weights.Length];
        var capped = new bool[weights.Length];
        double remaining = total;
        while (true)
        {
            double free = 0;
            for (int j = 0; j < weights.Length; j++) if (!capped[j]) free += weights[j];
            bool changed = false;
            for (int j = 0; j < weights.Length; j++)
            {
                if (capped[j]) continue;
                target[j] = free > 0 ? remaining * weights[j] / free : 0;
                if (target[j] > cap)
                {
                    capped[j] = true;
                    target[j] = cap;
                    changed = true;
                }
            }
            if (!changed) break;
            remaining = total;
            for (int j = 0; j < weights.Length; j++) if (capped[j]) remaining -= cap;
        }
        var shares = new int[weights.Length];
        long assigned = 0;
        for (int j = 0; j < weights.Length; j++)
        {
            shares[j] = (int)Math.Floor(target[j]);
            assigned += shares[j];
        }
        // Largest remainders first (ties by column, so the result is deterministic), never above the cap.
        var byRemainder = Enumerable.Range(0, weights.Length)
            .OrderByDescending(j => target[j] - shares[j]).ThenBy(j => j).ToArray();
        for (int t = 0; assigned < total; t = (t + 1) % byRemainder.Length)
        {
            int j = byRemainder[t];
            if (shares[j] >= cap) continue;
            shares[j]++;
            assigned++;
        }
        return shares;
    }
}
