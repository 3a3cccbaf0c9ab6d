using System.Numerics;

namespace Eiec.Contract.Checking;

/// <summary>
/// The one routine that compares two models' outputs and names the first difference as an
/// <see cref="OutputDifference"/>. Layers are compared in order, elements in order within a layer, so
/// the first difference is the earliest in the dataflow: a later layer's differences usually follow
/// from it. Exact comparison for fixed-point models (golden, simulator, RTL); a tolerance, or the
/// largest difference, for the float reference.
/// </summary>
public static class OutputComparison
{
    /// <summary>
    /// The first element of one layer's outputs where <paramref name="actual"/> differs from
    /// <paramref name="expected"/> by more than <paramref name="tolerance"/> (0: bit for bit), then a
    /// length difference; null when they agree.
    /// </summary>
    /// <param name="run">"run 3" / "example 17", or null for a single input.</param>
    /// <param name="layer">Layer index, or <see cref="OutputDifference.OutputStream"/>.</param>
    public static OutputDifference? FirstInLayer<T>(
        string? run, int layer, string layerName, int pes, ReadOnlySpan<T> expected, ReadOnlySpan<T> actual,
        double tolerance = 0)
        where T : INumber<T>
    {
        int common = Math.Min(expected.Length, actual.Length);
        for (int i = 0; i < common; i++)
        {
            double e = double.CreateChecked(expected[i]), a = double.CreateChecked(actual[i]);
            if (Math.Abs(e - a) > tolerance || double.IsNaN(a) != double.IsNaN(e))
                return new OutputDifference(run, layer, layerName, i, pes, e, a, expected.Length, actual.Length);
        }
        return LengthDifference(run, layer, layerName, pes, expected.Length, actual.Length);
    }

    /// <summary>
    /// As <see cref="FirstInLayer{T}"/> for outputs that may be missing (null: never produced, as
    /// when an RTL write-back never happened). A missing value is always a difference.
    /// </summary>
    public static OutputDifference? FirstInLayer(
        string? run, int layer, string layerName, int pes, ReadOnlySpan<short> expected, IReadOnlyList<short?> actual)
    {
        int common = Math.Min(expected.Length, actual.Count);
        for (int i = 0; i < common; i++)
            if (actual[i] != expected[i])
                return new OutputDifference(
                    run, layer, layerName, i, pes, expected[i], actual[i], expected.Length, actual.Count);
        return LengthDifference(run, layer, layerName, pes, expected.Length, actual.Count);
    }

    /// <summary>
    /// The first difference over every layer of one run (layer outputs indexed [layer][row]); names
    /// each layer from <paramref name="layerNames"/>. A missing layer counts as a length difference.
    /// </summary>
    public static OutputDifference? First<T>(
        string? run, IReadOnlyList<string> layerNames, int pes, IReadOnlyList<T[]> expected, IReadOnlyList<T[]> actual,
        double tolerance = 0)
        where T : INumber<T>
    {
        for (int l = 0; l < expected.Count; l++)
        {
            var difference = l < actual.Count
                ? FirstInLayer<T>(run, l, layerNames[l], pes, expected[l], actual[l], tolerance)
                : LengthDifference(run, l, layerNames[l], pes, expected[l].Length, 0);
            if (difference is not null) return difference;
        }
        return null;
    }

    /// <summary>
    /// The element of one layer with the largest |expected − actual| (the first such on ties), or null
    /// when the layers are equal or empty. For float comparisons, where a bound is checked, not equality.
    /// </summary>
    public static OutputDifference? Largest<T>(
        string? run, int layer, string layerName, int pes, ReadOnlySpan<T> expected, ReadOnlySpan<T> actual)
        where T : INumber<T>
    {
        OutputDifference? worst = LengthDifference(run, layer, layerName, pes, expected.Length, actual.Length);
        if (worst is not null) return worst;
        double largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.CreateChecked(expected[i]), a = double.CreateChecked(actual[i]);
            double d = Math.Abs(e - a);
            if (d > largest)
            {
                largest = d;
                worst = new OutputDifference(run, layer, layerName, i, pes, e, a, expected.Length, actual.Length);
            }
        }
        return worst;
    }

    private static OutputDifference? LengthDifference(
        string? run, int layer, string layerName, int pes, int expected, int actual) =>
        expected == actual ? null
            : new OutputDifference(run, layer, layerName, Math.Min(expected, actual), pes, 0, null, expected, actual);
}
