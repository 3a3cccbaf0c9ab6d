using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;

namespace Eiec.Contract.FixedPoint;

/// <summary>
/// Input vectors for `eiec run` and `eiec sim`: a 1-D (one vector) or 2-D (batch × inputs) `.npy`.
/// Floating-point arrays are quantized as docs/fixed-point.md says; int16 arrays are taken as raw
/// Q-format values. Saturated inputs are counted, not hidden.
/// </summary>
public static class ActivationInput
{
    /// <summary>True when the file holds a 2-D batch (outputs are then written as a batch too).</summary>
    public static bool IsBatch(string path) => NpyReader.Read(path).Rank == 2;

    /// <param name="normalization">Applied to floating-point inputs (raw data) before quantizing; int16 inputs are
    /// taken as given.</param>
    public static short[][] Load(string path, int expectedLength, int fracBits, out long saturations,
        Eiec.Contract.Cz.CzInputNormalization? normalization = null)
    {
        var array = NpyReader.Read(path);
        int rank = array.Rank;
        if (rank is not (1 or 2))
            throw new EiecException($"{path}: input must be 1-D (one vector) or 2-D (batch × {expectedLength}), " +
                $"but has shape {array.ShapeText}");
        int length = array.Shape[rank - 1];
        int batch = rank == 1 ? 1 : array.Shape[0];
        if (length != expectedLength)
            throw new EiecException($"{path}: input vectors have {length} elements " +
                $"but the first layer has {expectedLength} inputs (shape {array.ShapeText})");
        if (batch == 0)
            throw new EiecException($"{path}: the input batch is empty (shape {array.ShapeText})");
        var vectors = new short[batch][];
        saturations = 0;
        if (array.DType == NpyDType.Int16)
        {
            var raw = array.ToInt16();
            for (int b = 0; b < batch; b++) vectors[b] = raw.AsSpan(b * length, length).ToArray();
            return vectors;
        }
        if (array.DType is not (NpyDType.Float32 or NpyDType.Float64))
            throw new EiecException($"{path}: input dtype {array.Descr} is not supported; " +
                $"use float32/float64 (quantized to {FixedPointMath.QFormat(fracBits)}) or int16 (raw fixed point)");
        var values = array.ToFloat64();
        for (int b = 0; b < batch; b++)
        {
            var v = new short[length];
            for (int i = 0; i < length; i++)
            {
                double x = values[b * length + i];
                if (!double.IsFinite(x)) throw new EiecException($"{path}: vector {b}, element {i} is {x}");
                if (normalization is not null) x = normalization.Apply(x);
                v[i] = FixedPointMath.Quantize(x, fracBits, out bool sat);
                if (sat) saturations++;
            }
            vectors[b] = v;
        }
        return vectors;
    }
}
