using Eiec.Contract.Diagnostics;

namespace Eiec.Compiler.Lowering;

/// <summary>
/// How often each input column of each layer is non-zero, measured by running the golden model over calibration
/// vectors (`eiec build --calibration`, docs/balancing.md). Only zero activations are skipped by the array, so
/// the columns an input keeps are the ones whose work must be even across the PEs.
/// </summary>
public sealed class ColumnActivity
{
    /// <summary>
    /// The keep probability the local search samples active columns with when the build is not calibrated: about
    /// the activation densities of the EIE paper's CNN layers (18–41 %, Table III).
    /// </summary>
    public const double DefaultKeepProbability = 1.0 / 3;

    /// <summary>Scale of the integer column weights the greedy balancer uses: weight = round(scale · p).</summary>
    public const int WeightScale = 64;

    /// <summary>Per layer, per logical input column: the fraction of calibration vectors where it is non-zero.
    /// </summary>
    public IReadOnlyList<double[]> KeepProbability { get; }

    /// <summary>Calibration vectors measured.</summary>
    public int Vectors { get; }

    public ColumnActivity(IReadOnlyList<double[]> keepProbability, int vectors)
    {
        ArgumentNullException.ThrowIfNull(keepProbability);
        for (int l = 0; l < keepProbability.Count; l++)
            foreach (double p in keepProbability[l])
                if (!(p >= 0 && p <= 1))
                    throw new EiecException($"column activity of layer {l}: probability {p} is outside [0, 1]");
        KeepProbability = keepProbability;
        Vectors = vectors;
    }

    /// <summary>Counts the non-zero elements of each layer's inputs over the vectors: inputs[v][layer][column].
    /// </summary>
    public static ColumnActivity Count(IReadOnlyList<IReadOnlyList<short[]>> layerInputs, IReadOnlyList<int> widths)
    {
        ArgumentNullException.ThrowIfNull(layerInputs);
        ArgumentNullException.ThrowIfNull(widths);
        var counts = widths.Select(w => new long[w]).ToArray();
        foreach (var vector in layerInputs)
            for (int l = 0; l < widths.Count; l++)
            {
                var a = vector[l];
                for (int j = 0; j < a.Length; j++)
                    if (a[j] != 0) counts[l][j]++;
            }
        int n = layerInputs.Count;
        return new ColumnActivity(counts.Select(c => c.Select(x => n == 0 ? 0 : (double)x / n).ToArray()).ToArray(),
            n);
    }
}
