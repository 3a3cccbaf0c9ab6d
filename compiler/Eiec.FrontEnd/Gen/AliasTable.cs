namespace Eiec.FrontEnd.Gen;

/// <summary>
/// Walker's alias method (Vose's construction): draws index i with probability w_i / Σw in O(1),
/// for the skewed generator's millions of weighted row draws.
/// </summary>
public sealed class AliasTable
{
    private readonly double[] _probability;
    private readonly int[] _alias;

    public AliasTable(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        int n = weights.Count;
        if (n == 0) throw new ArgumentException("no weights", nameof(weights));
        double sum = weights.Sum();
        _probability = new double[n];
        _alias = new int[n];
        var scaled = weights.Select(w => w * n / sum).ToArray();
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = n - 1; i >= 0; i--) (scaled[i] < 1 ? small : large).Push(i);
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            _probability[s] = scaled[s];
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            (scaled[l] < 1 ? small : large).Push(l);
        }
        // What is left is 1 up to rounding.
        while (large.Count > 0) _probability[large.Pop()] = 1;
        while (small.Count > 0) _probability[small.Pop()] = 1;
    }

    public int Draw(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        int i = rng.Next(_probability.Length);
        return rng.NextDouble() < _probability[i] ? i : _alias[i];
    }
}
