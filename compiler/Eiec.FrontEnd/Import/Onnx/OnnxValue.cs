namespace Eiec.FrontEnd.Import.Onnx;

/// <summary>
/// A tensor known at import time: an initializer, a Constant, or a value folded from them (or from the
/// data tensor's shape). Float tensors hold <see cref="Floats"/>; integer tensors hold <see cref="Ints"/>,
/// where <see cref="Batch"/> stands for the batch size (dynamic, from Shape of the data) and
/// <see cref="Unknown"/> for a dimension the model does not state. <see cref="Origin"/> is the
/// initializer it came from, for layer names ("fc1.weight" through a Transpose).
/// </summary>
internal sealed record OnnxValue(long[] Dims, float[]? Floats, long[]? Ints, string Origin)
{
    public const long Batch = long.MinValue;
    public const long Unknown = long.MinValue + 1;

    public long Count => Dims.Aggregate(1L, (a, d) => a * d);
    public string Shape => $"[{string.Join(", ", Dims)}]";

    public static string Show(long v) => v switch
    {
        Batch => "batch",
        Unknown => "?",
        _ => v.ToString(System.Globalization.CultureInfo.InvariantCulture)
    };
}
