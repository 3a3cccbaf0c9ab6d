namespace Eiec.FrontEnd.Compress;

/// <summary>
/// Magnitude pruning of a whole model, per layer or with one global threshold
/// (<see cref="CompressionOptions.Scope"/>), in one step or as step s of an iterative schedule.
/// </summary>
public static class ModelPruner
{
    /// <summary>
    /// The density of step <paramref name="step"/> of <paramref name="steps"/> towards <paramref name="density"/>:
    /// a geometric schedule density^(step/steps), so each step removes the same fraction of what is left
    /// (5 steps to 2%: 45.7, 20.9, 9.6, 4.4, 2%). The last step is exactly the target.
    /// </summary>
    public static double StepDensity(double density, int step, int steps) =>
        step >= steps ? density : Math.Pow(density, (double)step / steps);

    /// <summary>
    /// Masks (true = kept) for the layers' weights at step <paramref name="step"/> of <paramref name="steps"/>.
    /// A weight a previous step pruned (<paramref name="previous"/>) stays pruned.
    /// </summary>
    public static bool[][] Prune(IReadOnlyList<string> names, IReadOnlyList<float[]> weights,
        CompressionOptions options,
        int step = 1, int steps = 1, IReadOnlyList<bool[]>? previous = null)
    {
        bool[][] masks;
        if (options.Scope == PruneScope.Global)
        {
            long total = weights.Sum(w => w.LongLength);
            var all = new float[total];
            long offset = 0;
            foreach (var w in weights) { Array.Copy(w, 0, all, offset, w.LongLength); offset += w.LongLength; }
            var mask = MagnitudePruner.Prune(all, MagnitudePruner.KeepCount(total, StepDensity(options.Density, step,
                steps)));
            masks = new bool[weights.Count][];
            offset = 0;
            for (int l = 0; l < weights.Count; l++)
            {
                masks[l] = new bool[weights[l].LongLength];
                Array.Copy(mask, offset, masks[l], 0, weights[l].LongLength);
                offset += weights[l].LongLength;
            }
        }
        else
        {
            masks = new bool[weights.Count][];
            for (int l = 0; l < weights.Count; l++)
                masks[l] = MagnitudePruner.Prune(weights[l],
                    MagnitudePruner.KeepCount(weights[l].LongLength, StepDensity(options.DensityOf(names[l]), step,
                        steps)));
        }
        if (previous is not null)
            for (int l = 0; l < masks.Length; l++)
                for (long k = 0; k < masks[l].LongLength; k++) masks[l][k] &= previous[l][k];
        return masks;
    }
}
