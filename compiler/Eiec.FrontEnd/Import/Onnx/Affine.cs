namespace Eiec.FrontEnd.Import.Onnx;

/// <summary>A per-channel affine map x ↦ Scale ⊙ x + Shift (an eval-mode BatchNormalization).</summary>
internal sealed record Affine(double[] Scale, double[] Shift)
{
    /// <summary>first, then second: s2 ⊙ (s1 ⊙ x + t1) + t2.</summary>
    public static Affine Then(Affine first, Affine second) => new(
        first.Scale.Select((s, i) => s * second.Scale[i]).ToArray(),
        first.Shift.Select((t, i) => t * second.Scale[i] + second.Shift[i]).ToArray());
}
