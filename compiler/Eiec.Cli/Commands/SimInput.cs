using Eiec.Compiler.Diagnostics;
using Eiec.Compiler.FixedPoint;
using Eiec.Compiler.Npy;
using Eiec.Sim;

namespace Eiec.Cli.Commands;

/// <summary>
/// Input vectors for <c>eiec sim</c>: a 1-D (one vector) or 2-D (a batch, one vector per row)
/// <c>.npy</c>; float32/float64 are quantized with <see cref="FixedPointMath.Quantize"/> at the image's
/// activation fraction bits (saturations counted), int16 is taken as raw Q-format values. Without a
/// file, the deterministic <see cref="DefaultInput"/>.
/// </summary>
public sealed record SimInput(IReadOnlyList<short[]> Vectors, long Saturations, string Description, bool Batch)
{
    public static SimInput Default(int length, int fracBits) => new(
        [DefaultInput.Create(length, fracBits)], 0,
        $"default: seeded random (seed {DefaultInput.Seed}, density {DefaultInput.Density:0.##}, values uniform in [-1, 1))", Batch: false);

    public static SimInput Read(string path, int length, int fracBits)
    {
        var array = NpyReader.Read(path);
        int rows = array.Rank switch
        {
            1 => 1,
            2 => array.Shape[0],
            _ => throw new EiecException($"{path}: input must be 1-D (one vector) or 2-D (a batch), not shape {array.ShapeText}"),
        };
        int width = array.Shape[array.Rank - 1];
        if (width != length)
            throw new EiecException($"{path}: input vectors have {width} elements but layer 0 of the image takes {length}");
        if (rows == 0) throw new EiecException($"{path}: the batch is empty");
        short[] flat;
        long saturations = 0;
        switch (array.DType)
        {
            case NpyDType.Int16:
                flat = array.ToInt16();
                break;
            case NpyDType.Float32:
            case NpyDType.Float64:
                var values = array.ToFloat64();
                flat = new short[values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    if (!double.IsFinite(values[i]))
                        throw new EiecException($"{path}: element {i} is {values[i]}; inputs must be finite");
                    flat[i] = FixedPointMath.Quantize(values[i], fracBits, out bool saturated);
                    if (saturated) saturations++;
                }
                break;
            default:
                throw new EiecException($"{path}: input dtype {array.Descr} is not supported; use float32, float64 (quantized at {fracBits} fraction bits) or int16 (raw Q-format)");
        }
        var vectors = Enumerable.Range(0, rows).Select(r => flat.AsSpan(r * width, width).ToArray()).ToArray();
        string kind = array.DType == NpyDType.Int16 ? "int16 raw" : $"{array.Descr} quantized at {fracBits} fraction bits";
        return new SimInput(vectors, saturations, $"{path} ({kind}, {rows} vector{(rows == 1 ? "" : "s")})", Batch: array.Rank == 2);
    }
}
