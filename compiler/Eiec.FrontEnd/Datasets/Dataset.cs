using Eiec.Contract.Diagnostics;

namespace Eiec.FrontEnd.Datasets;

/// <summary>
/// Labelled examples: <see cref="Features"/> float inputs per example, row-major, and one class label
/// each. <see cref="Source"/> names the file(s) in errors.
/// </summary>
public sealed class Dataset
{
    public required string Source { get; init; }
    public required int Count { get; init; }
    public required int Features { get; init; }
    /// <summary>Count × Features, row-major.</summary>
    public required float[] X { get; init; }
    public required int[] Labels { get; init; }

    public ReadOnlySpan<float> Example(int index) => X.AsSpan(index * Features, Features);

    public int Classes => Labels.Length == 0 ? 0 : Labels.Max() + 1;

    /// <summary>The examples as the model takes them: x' = (x − mean) / std; the same data when null.</summary>
    public Dataset Normalized(Eiec.Contract.Cz.CzInputNormalization? normalization)
    {
        if (normalization is null) return this;
        var x = new float[X.LongLength];
        for (long k = 0; k < x.LongLength; k++) x[k] = normalization.Apply(X[k]);
        return new Dataset { Source = Source, Count = Count, Features = Features, X = x, Labels = Labels };
    }

    /// <summary>The first <paramref name="count"/> examples (all when count is null or larger).</summary>
    public Dataset Take(int? count)
    {
        if (count is not { } n || n >= Count) return this;
        if (n < 1) throw new EiecException($"{Source}: cannot take {n} examples; give at least 1");
        return new Dataset
        {
            Source = Source, Count = n, Features = Features,
            X = X.AsSpan(0, n * Features).ToArray(), Labels = Labels.AsSpan(0, n).ToArray(),
        };
    }
}
