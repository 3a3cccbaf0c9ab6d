using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Import;

namespace Eiec.FrontEnd.Compress;

/// <summary>
/// Deep Compression's first two stages without retraining: magnitude pruning per layer
/// (<see cref="MagnitudePruner"/>), then k-means weight sharing of the kept weights
/// (<see cref="KMeans1D"/>, 2^bits − 1 shared values, codebook entry 0 = 0.0 reserved), then the
/// CSC layout of the .cz. The stages are public so retraining (Eiec.FrontEnd.Training) can run
/// between them.
/// </summary>
public static class DeepCompressor
{
    private const int Slices = 16;

    public static CompressionResult Compress(DenseModel model, CompressionOptions options, string source)
    {
        CheckOptions(model, options, source);
        if (!options.Shares) throw new ArgumentException("no weight sharing: use PruneOnly", nameof(options));
        var masks = PruneModel(model, options);
        var layers = new List<CzLayer>(model.Layers.Count);
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            var shared = Share(layer.Weight, masks[l], options.CodebookBits, options.KMeansMaxIterations);
            layers.Add(ToCz(layer, shared));
        }
        var cz = new CzModel(model.Name, layers) { Input = model.Input };
        return new CompressionResult(cz, CompressionReport.Measure(cz, options));
    }

    /// <summary>Pruning alone (no weight sharing): the dense model with the pruned weights set to 0.</summary>
    public static DenseModel PruneOnly(DenseModel model, CompressionOptions options, string source)
    {
        CheckOptions(model, options, source);
        var masks = PruneModel(model, options);
        return new DenseModel(model.Name, model.Layers.Select((layer, l) => new DenseLayer
        {
            Name = layer.Name, Inputs = layer.Inputs, Outputs = layer.Outputs, Activation = layer.Activation,
            Bias = layer.Bias is null ? null : (float[])layer.Bias.Clone(),
            Weight = Masked(layer.Weight, masks[l]),
        }).ToList())
        { Input = model.Input };
    }

    /// <summary>The masks of every layer, per layer or with one global threshold (<see
    /// cref="CompressionOptions.Scope"/>).</summary>
    public static bool[][] PruneModel(DenseModel model, CompressionOptions options) =>
        ModelPruner.Prune(model.Layers.Select(l => l.Name).ToList(), model.Layers.Select(l => l.Weight).ToList(),
            options);

    private static float[] Masked(float[] weights, bool[] mask)
    {
        var w = new float[weights.LongLength];
        for (long k = 0; k < w.LongLength; k++) if (mask[k]) w[k] = weights[k];
        return w;
    }

    public static void CheckOptions(DenseModel model, CompressionOptions options, string source)
    {
        if (options.CodebookBits is < 0 or > 4)
            throw new EiecException($"{source}: --codebook-bits {options.CodebookBits}: a .cz codebook holds at most "
                + $"16 entries, so 1..4 bits (0: no sharing)");
        PruneConfig.CheckDensity(source, "density", options.Density);
        if (options.Scope == PruneScope.Global && options.LayerDensities.Count > 0)
            throw new EiecException($"{source}: per-layer densities ({string.Join(", ", options.LayerDensities.Keys)}) "
                + $"with global pruning; "
                + "global pruning draws one threshold for the whole model from --density alone (use --scope layer for "
                    + "per-layer densities)");
        foreach (var (name, d) in options.LayerDensities)
        {
            PruneConfig.CheckDensity(source, $"density of layer '{name}'", d);
            if (model.Layers.All(l => l.Name != name))
                throw new EiecException($"{source}: a density is given for layer '{name}', which the model does not "
                    + $"have");
        }
    }

    /// <summary>Mask (true = kept) of the round(density · n) largest-magnitude weights of the layer.</summary>
    public static bool[] Prune(DenseLayer layer, double density) =>
        MagnitudePruner.Prune(layer.Weight, MagnitudePruner.KeepCount(layer.WeightCount, density));

    /// <summary>k-means over the kept weights; each kept weight gets the code of its nearest shared value.</summary>
    public static SharedWeights Share(float[] weights, bool[] mask, int codebookBits,
        int maxIterations = KMeans1D.DefaultMaxIterations)
    {
        var kept = Kept(weights, mask);
        var centroids = KMeans1D.Fit(kept, (1 << codebookBits) - 1, maxIterations, out int iterations);
        var codebook = CodeAssigner.CodebookOf(centroids);
        var codeMap = new byte[weights.LongLength];
        if (codebook.Length > 1)
        {
            var assigner = new CodeAssigner(codebook);
            Parallel.For(0, Slices, s =>
            {
                var (lo, hi) = MagnitudePruner.SliceRange(weights.LongLength, s);
                for (long k = lo; k < hi; k++)
                    if (mask[k]) codeMap[k] = assigner.Code(weights[k]);
            });
        }
        return new SharedWeights(codebook, codeMap, iterations);
    }

    public static CzLayer ToCz(DenseLayer layer, SharedWeights shared) =>
        CscBuilder.Build(layer.Name, layer.Inputs, layer.Outputs, layer.Activation, shared.CodeMap, shared.Codebook,
            layer.Bias is null ? null : (float[])layer.Bias.Clone());

    /// <summary>The kept weights in row-major order.</summary>
    public static float[] Kept(float[] weights, bool[] mask)
    {
        long count = 0;
        foreach (var m in mask) if (m) count++;
        var kept = new float[count];
        long p = 0;
        for (long k = 0; k < weights.LongLength; k++)
            if (mask[k]) kept[p++] = weights[k];
        return kept;
    }
}
