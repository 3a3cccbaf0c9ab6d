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
        var layers = new List<CzLayer>(model.Layers.Count);
        foreach (var layer in model.Layers)
        {
            var mask = Prune(layer, options.DensityOf(layer.Name));
            var shared = Share(layer.Weight, mask, options.CodebookBits, options.KMeansMaxIterations);
            layers.Add(ToCz(layer, shared));
        }
        var cz = new CzModel(model.Name, layers);
        return new CompressionResult(cz, CompressionReport.Measure(cz, options));
    }

    public static void CheckOptions(DenseModel model, CompressionOptions options, string source)
    {
        if (options.CodebookBits is < 1 or > 4)
            throw new EiecException($"{source}: --codebook-bits {options.CodebookBits}: a .cz codebook holds at most 16 entries, so 1..4 bits");
        PruneConfig.CheckDensity(source, "density", options.Density);
        foreach (var (name, d) in options.LayerDensities)
        {
            PruneConfig.CheckDensity(source, $"density of layer '{name}'", d);
            if (model.Layers.All(l => l.Name != name))
                throw new EiecException($"{source}: a density is given for layer '{name}', which the model does not have");
        }
    }

    /// <summary>Mask (true = kept) of the round(density · n) largest-magnitude weights of the layer.</summary>
    public static bool[] Prune(DenseLayer layer, double density) =>
        MagnitudePruner.Prune(layer.Weight, MagnitudePruner.KeepCount(layer.WeightCount, density));

    /// <summary>k-means over the kept weights; each kept weight gets the code of its nearest shared value.</summary>
    public static SharedWeights Share(float[] weights, bool[] mask, int codebookBits, int maxIterations = KMeans1D.DefaultMaxIterations)
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
