using Eiec.Contract.FixedPoint;
using Eiec.FrontEnd.Gen;

namespace Eiec.Tests.Rtl;

/// <summary>Input vectors for the RTL cases, already in 16-bit fixed point (A = 8 fraction bits).</summary>
public static class RtlInputs
{
    public const int ActFrac = 8;

    public static short[] Random(int length, double density, int seed, double scale = 2.0, bool signed = true) =>
        RandomModel.CreateInput(length, density, seed, scale, signed)
            .Select(v => FixedPointMath.Quantize(v, ActFrac, out _)).ToArray();

    public static short[] Zero(int length) => new short[length];

    /// <summary>Every element non-zero, random signs: the control unit broadcasts every column.</summary>
    public static short[] Dense(int length, int seed) => Random(length, 1.0, seed);

    /// <summary>
    /// The standard set of a layer case: all-zero, fully dense, sparse post-ReLU style, sparse signed.
    /// </summary>
    public static short[][] Standard(int length, int seed) =>
    [
        Zero(length),
        Dense(length, seed),
        Random(length, 0.3, seed + 1, signed: false),
        Random(length, 0.6, seed + 2),
    ];
}
