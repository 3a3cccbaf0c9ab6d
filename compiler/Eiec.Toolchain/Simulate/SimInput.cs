using Eiec.Contract.Diagnostics;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Npy;
using Eiec.Sim;

namespace Eiec.Toolchain.Simulate;

/// <summary>
/// Input vectors for <c>eiec sim</c>: a <c>.npy</c> read exactly as <c>eiec run</c> reads it
/// (<see cref="ActivationInput"/>: 1-D vector or 2-D batch, float quantized, int16 raw), or without a
/// file the deterministic <see cref="DefaultInput"/>.
/// </summary>
public sealed record SimInput(IReadOnlyList<short[]> Vectors, long Saturations, string Description, bool Batch)
{
    public static SimInput Default(int length, int fracBits, double density = DefaultInput.Density) => new(
        [DefaultInput.Create(length, fracBits, density)], 0,
        $"default: seeded random (seed {DefaultInput.Seed}, density {density:0.###}, values uniform in [-1, 1))",
        Batch: false);

    public static SimInput Read(string path, int length, int fracBits,
        Eiec.Contract.Cz.CzInputNormalization? normalization = null)
    {
        var vectors = ActivationInput.Load(path, length, fracBits, out long saturations, normalization);
        bool batch = ActivationInput.IsBatch(path);
        return new SimInput(vectors, saturations,
            $"{path} ({vectors.Length} vector{(vectors.Length == 1 ? "" : "s")}, {FixedPointMath.QFormat(fracBits)}"
            + (normalization is null ? ")" : $", normalized {normalization})"), batch);
    }
}
