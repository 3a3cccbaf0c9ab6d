namespace Eiec.Contract.FixedPoint;

/// <summary>
/// The arithmetic of docs/fixed-point.md, in one place. The golden model and the cycle simulator
/// call these; the Verilog generator emits the same operations. Change one, change the document.
/// </summary>
public static class FixedPointMath
{
    /// <summary>Bits of every fixed-point activation, bias and codebook value (signed).</summary>
    public const int ValueBits = 16;
    public const int Min16 = short.MinValue;
    public const int Max16 = short.MaxValue;
    /// <summary>Largest weight fraction the layer table's F field holds (31 for its 5 bits).</summary>
    public const int MaxWeightFracBits = (1 << Image.LayerTableWord.WeightFracFieldBits) - 1;

    /// <summary>
    /// The Q-format name of a <see cref="ValueBits"/>-bit value with <paramref name="fracBits"/>
    /// fraction bits, as reports and messages print it: 8 fraction bits give "Q7.8".
    /// </summary>
    public static string QFormat(int fracBits) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Q{ValueBits - 1 - fracBits}.{fracBits}");

    /// <summary>Float → signed 16-bit: round to nearest (ties away from zero), then saturate.</summary>
    public static short Quantize(double value, int fracBits, out bool saturated)
    {
        double scaled = Math.Round(value * Math.Pow(2, fracBits), MidpointRounding.AwayFromZero);
        saturated = scaled > Max16 || scaled < Min16;
        return (short)Math.Clamp(scaled, Min16, Max16);
    }

    /// <summary>
    /// The largest F in [0, 31] with round(max|c|·2^F) ≤ 32767; 15 when every value is 0; -1 if none fits.
    /// </summary>
    public static int ChooseWeightFracBits(ReadOnlySpan<float> codebook)
    {
        double max = 0;
        foreach (var c in codebook) max = Math.Max(max, Math.Abs((double)c));
        if (max == 0) return 15;
        for (int f = MaxWeightFracBits; f >= 0; f--)
            if (Math.Round(max * Math.Pow(2, f), MidpointRounding.AwayFromZero) <= Max16) return f;
        return -1;
    }

    /// <summary>
    /// Write-back: t = acc + (bias &lt;&lt; F); round half up by F bits; ReLU; saturate to 16 bits.
    /// <paramref name="saturated"/> is true when the clamp changed the value.
    /// </summary>
    public static short Requantize(long acc, short bias, int weightFracBits, bool relu, out bool saturated)
    {
        long t = acc + ((long)bias << weightFracBits);
        long r = weightFracBits == 0 ? t : (t + (1L << (weightFracBits - 1))) >> weightFracBits;
        if (relu && r < 0) r = 0;
        saturated = r > Max16 || r < Min16;
        return (short)Math.Clamp(r, Min16, Max16);
    }

    /// <summary>Fixed-point values to real units (value · 2^−frac).</summary>
    public static double[] ToReal(ReadOnlySpan<short> values, int fracBits)
    {
        var result = new double[values.Length];
        double scale = Math.Pow(2, -fracBits);
        for (int i = 0; i < values.Length; i++) result[i] = values[i] * scale;
        return result;
    }

    /// <summary>Signed bits needed to hold any value of magnitude ≤ <paramref name="bound"/>.</summary>
    public static int SignedBitsFor(long bound) =>
        bound <= 0 ? 1 : 65 - System.Numerics.BitOperations.LeadingZeroCount((ulong)bound);
}
