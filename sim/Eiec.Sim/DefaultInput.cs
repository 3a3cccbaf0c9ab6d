using Eiec.Contract.FixedPoint;

namespace Eiec.Sim;

/// <summary>
/// The deterministic input used when none is given: element i is non-zero with probability
/// <c>density</c> (default 0.5), drawn from <c>new Random(seed)</c> (default seed 1; .NET's seeded
/// generator is stable across runs and platforms); a non-zero element is uniform in [−1, 1),
/// quantized at <c>fracBits</c>, and forced to ±1 LSB if it rounds to 0, so the density is exact
/// in expectation.
/// </summary>
public static class DefaultInput
{
    public const int Seed = 1;
    public const double Density = 0.5;

    public static short[] Create(int length, int fracBits, double density = Density, int seed = Seed)
    {
        var random = new Random(seed);
        var input = new short[length];
        for (int i = 0; i < length; i++)
        {
            bool nonZero = random.NextDouble() < density;
            double value = random.NextDouble() * 2 - 1;
            if (!nonZero) continue;
            short q = FixedPointMath.Quantize(value, fracBits, out _);
            input[i] = q != 0 ? q : (short)(value < 0 ? -1 : 1);
        }
        return input;
    }
}
