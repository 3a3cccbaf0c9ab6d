using System.Globalization;

namespace Eiec.Contract.Cz;

/// <summary>
/// How raw input data becomes the model's input: x' = (x − Mean) / Std, where x is the data as eiec
/// loads it (IDX pixels / 255, an .npz's floats as stored). Optional in a .cz (key <c>input</c>) and in
/// an image (key <c>input_normalization</c>); eval, run and sim apply it to raw data. A plain scale s is
/// Mean 0, Std 1/s.
/// </summary>
public sealed record CzInputNormalization(double Mean, double Std)
{
    public double Apply(double x) => (x - Mean) / Std;

    public float Apply(float x) => (float)((x - Mean) / Std);

    /// <summary>Null when valid, else what is wrong.</summary>
    public string? Problem() =>
        !double.IsFinite(Mean) ? $"mean {Mean.ToString(CultureInfo.InvariantCulture)} is not finite"
        : !(Std > 0) || !double.IsFinite(Std) ? $"std {Std.ToString(CultureInfo.InvariantCulture)} must be positive "
            + $"and finite"
        : null;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"(x − {Mean:G6}) / {Std:G6}");
}
