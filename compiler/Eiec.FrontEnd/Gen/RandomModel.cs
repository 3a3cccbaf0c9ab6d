using Eiec.Contract.Cz;

namespace Eiec.FrontEnd.Gen;

/// <summary>
/// Seeded random compressed models and inputs: uniform random positions at a given weight density
/// (exactly round(density · rows · cols) weights kept; or skewed rows and columns at that density,
/// <see cref="SkewedPositions"/>), codes uniform in 1..size−1, codebook values
/// spread over ±scale. Same spec, same seed → same model, on every machine (System.Random with a
/// seed is deterministic across .NET versions for the same API calls).
/// </summary>
public static class RandomModel
{
    public static CzModel Create(RandomModelSpec spec)
    {
        var rng = new Random(spec.Seed);
        var layers = new List<CzLayer>();
        for (int l = 0; l + 1 < spec.Dims.Length; l++)
        {
            double density = spec.WeightDensity[Math.Min(l, spec.WeightDensity.Length - 1)];
            bool last = l + 2 == spec.Dims.Length;
            layers.Add(CreateLayer(rng, $"fc{l + 1}", spec.Dims[l], spec.Dims[l + 1], density, spec,
                last && !spec.ReluOnLast ? LayerActivation.None : LayerActivation.Relu));
        }
        return new CzModel(spec.Name, layers);
    }

    public static CzLayer CreateLayer(Random rng, string name, int inputs, int outputs, double density,
        RandomModelSpec spec, LayerActivation activation)
    {
        long total = (long)inputs * outputs;
        long keep = Math.Clamp((long)Math.Round(density * total), 0, total);
        var chosen = spec.Skew > 0
            ? SkewedPositions.Sample(rng, inputs, outputs, keep, spec.Skew)
            : SamplePositions(rng, total, keep);
        var indptr = new int[inputs + 1];
        foreach (long p in chosen) indptr[(int)(p / outputs) + 1]++;
        for (int j = 0; j < inputs; j++) indptr[j + 1] += indptr[j];
        var indices = new int[keep];
        int idx = 0;
        foreach (long p in chosen) indices[idx++] = (int)(p % outputs); // chosen is sorted: column-major order
        var codes = new byte[keep];
        for (int e = 0; e < keep; e++) codes[e] = (byte)rng.Next(1, spec.CodebookSize);
        var codebook = new float[spec.CodebookSize];
        for (int v = 1; v < codebook.Length; v++)
        {
            // Evenly spread magnitudes with alternating signs, jittered: like a k-means codebook.
            double t = (double)v / (codebook.Length - 1);
            double value = spec.WeightScale * (0.1 + 0.9 * t) * (v % 2 == 0 ? 1 : -1) * (0.9 + 0.2 * rng.NextDouble());
            codebook[v] = (float)value;
        }
        float[]? bias = null;
        if (spec.Bias)
        {
            bias = new float[outputs];
            for (int i = 0; i < outputs; i++) bias[i] = (float)((rng.NextDouble() * 2 - 1) * spec.BiasScale);
        }
        return new CzLayer
        {
            Name = name, Inputs = inputs, Outputs = outputs, Activation = activation,
            IndPtr = indptr, Indices = indices, Codes = codes, Codebook = codebook, Bias = bias,
        };
    }

    /// <summary>
    /// Sorted distinct positions in [0, total), exactly <paramref name="keep"/> of them, uniformly:
    /// selection sampling (Knuth's Algorithm S), one pass, already in column-major order.
    /// </summary>
    private static long[] SamplePositions(Random rng, long total, long keep)
    {
        var result = new long[keep];
        long needed = keep, n = 0;
        for (long p = 0; p < total && n < keep; p++)
        {
            if (rng.NextDouble() * (total - p) < needed)
            {
                result[n++] = p;
                needed--;
            }
        }
        return result;
    }

    /// <summary>
    /// A random input with exactly round(density · length) non-zero entries, values in
    /// [0.05, 1]·scale (post-ReLU style) or of random sign.
    /// </summary>
    public static float[] CreateInput(int length, double density, int seed, double scale = 1.0, bool signed = false)
    {
        var rng = new Random(seed);
        var x = new float[length];
        foreach (long i in SamplePositions(rng, length, Math.Clamp((long)Math.Round(density * length), 0, length)))
        {
            double v = scale * (0.05 + 0.95 * rng.NextDouble());
            x[i] = (float)(signed && rng.Next(2) == 0 ? -v : v);
        }
        return x;
    }
}
