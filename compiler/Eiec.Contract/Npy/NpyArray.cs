using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Eiec.Contract.Diagnostics;

namespace Eiec.Contract.Npy;

/// <summary>
/// An n-dimensional array as stored in a .npy file: a dtype, a C-order shape and the raw
/// little-endian bytes. Conversions copy into typed arrays and are checked, so a value that does
/// not fit the target type is an <see cref="EiecException"/> naming <see cref="Source"/>, never a
/// silent wrap-around.
/// </summary>
public sealed class NpyArray
{
    private readonly int[] _shape;
    private readonly byte[] _data;

    static NpyArray()
    {
        // Typed views reinterpret the little-endian bytes in place.
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("eiec requires a little-endian host");
    }

    /// <param name="data">Raw little-endian bytes, C order; taken over, not copied.</param>
    /// <param name="source">Names the array in error messages (file, member, field).</param>
    public NpyArray(NpyDType dtype, int[] shape, byte[] data, string source = "array")
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        if (!Enum.IsDefined(dtype)) throw new ArgumentOutOfRangeException(nameof(dtype));
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
                throw new ArgumentException($"negative dimension in shape {FormatShape(shape)}", nameof(shape));
            count = checked(count * dim);
        }
        if (count * dtype.ItemSize() != data.LongLength)
            throw new ArgumentException(
                $"shape {FormatShape(shape)} of {dtype.Descr()} needs {count * dtype.ItemSize()} bytes, " +
                $"got {data.LongLength}", nameof(data));
        DType = dtype;
        _shape = (int[])shape.Clone();
        _data = data;
        Length = (int)count;
        Source = source;
    }

    public NpyDType DType { get; }

    /// <summary>The canonical NumPy descr, e.g. <c>&lt;f4</c> or <c>|u1</c>.</summary>
    public string Descr => DType.Descr();

    public int ItemSize => DType.ItemSize();

    public IReadOnlyList<int> Shape => _shape;

    public int Rank => _shape.Length;

    /// <summary>Total element count (product of the shape; 1 for a 0-d array).</summary>
    public int Length { get; }

    /// <summary>Where the array came from, for error messages.</summary>
    public string Source { get; }

    /// <summary>Raw little-endian element bytes in C order.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>The shape as Python prints it: <c>()</c>, <c>(3,)</c>, <c>(3, 4)</c>.</summary>
    public string ShapeText => FormatShape(_shape);

    public static string FormatShape(IReadOnlyList<int> shape) => shape.Count switch
    {
        0 => "()",
        1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
        _ => $"({string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))})",
    };

    public override string ToString() => $"{Descr} {ShapeText}";

    // ---- Factories (copy the values; shape defaults to 1-D). ----

    public static NpyArray FromFloat32(float[] values, int[]? shape = null) =>
        From<float>(NpyDType.Float32, values, shape);
    public static NpyArray FromFloat64(double[] values, int[]? shape = null) =>
        From<double>(NpyDType.Float64, values, shape);
    public static NpyArray FromInt8(sbyte[] values, int[]? shape = null) => From<sbyte>(NpyDType.Int8, values, shape);
    public static NpyArray FromUInt8(byte[] values, int[]? shape = null) => From<byte>(NpyDType.UInt8, values, shape);
    public static NpyArray FromInt16(short[] values, int[]? shape = null) => From<short>(NpyDType.Int16, values, shape);
    public static NpyArray FromUInt16(ushort[] values, int[]? shape = null) =>
        From<ushort>(NpyDType.UInt16, values, shape);
    public static NpyArray FromInt32(int[] values, int[]? shape = null) => From<int>(NpyDType.Int32, values, shape);
    public static NpyArray FromUInt32(uint[] values, int[]? shape = null) => From<uint>(NpyDType.UInt32, values, shape);
    public static NpyArray FromInt64(long[] values, int[]? shape = null) => From<long>(NpyDType.Int64, values, shape);
    public static NpyArray FromUInt64(ulong[] values, int[]? shape = null) =>
        From<ulong>(NpyDType.UInt64, values, shape);

    private static NpyArray From<T>(NpyDType dtype, T[] values, int[]? shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        return new NpyArray(dtype, shape ?? [values.Length], bytes);
    }

    // ---- Conversions (flattened, C order). ----

    /// <summary>
    /// Any numeric dtype; float64 is rounded to nearest float32, integers converted exactly where representable.
    /// </summary>
    public float[] ToFloat32() => Convert<float>(requireInteger: false);

    public double[] ToFloat64() => Convert<double>(requireInteger: false);

    /// <summary>Integer dtypes only; throws if a value does not fit.</summary>
    public long[] ToInt64() => Convert<long>(requireInteger: true);

    /// <summary>Integer dtypes only; throws if a value does not fit.</summary>
    public int[] ToInt32() => Convert<int>(requireInteger: true);

    /// <summary>Integer dtypes only; throws if a value does not fit.</summary>
    public short[] ToInt16() => Convert<short>(requireInteger: true);

    /// <summary>Integer dtypes only; throws if a value does not fit.</summary>
    public byte[] ToUInt8() => Convert<byte>(requireInteger: true);

    private TOut[] Convert<TOut>(bool requireInteger) where TOut : unmanaged, INumberBase<TOut>
    {
        if (requireInteger && !DType.IsInteger())
            throw new EiecException($"{Source}: dtype '{Descr}' ({DType.NumpyName()}) " +
                $"cannot be read as {TargetName<TOut>()}; an integer dtype is required");
        return DType switch
        {
            NpyDType.Int8 => Convert<sbyte, TOut>(),
            NpyDType.UInt8 => Convert<byte, TOut>(),
            NpyDType.Int16 => Convert<short, TOut>(),
            NpyDType.UInt16 => Convert<ushort, TOut>(),
            NpyDType.Int32 => Convert<int, TOut>(),
            NpyDType.UInt32 => Convert<uint, TOut>(),
            NpyDType.Int64 => Convert<long, TOut>(),
            NpyDType.UInt64 => Convert<ulong, TOut>(),
            NpyDType.Float32 => Convert<float, TOut>(),
            NpyDType.Float64 => Convert<double, TOut>(),
            _ => throw new InvalidOperationException($"unhandled dtype {DType}"),
        };
    }

    private TOut[] Convert<TIn, TOut>()
        where TIn : unmanaged, INumberBase<TIn>
        where TOut : unmanaged, INumberBase<TOut>
    {
        var source = MemoryMarshal.Cast<byte, TIn>(_data.AsSpan());
        if (typeof(TIn) == typeof(TOut)) return MemoryMarshal.Cast<TIn, TOut>(source).ToArray();
        var result = new TOut[source.Length];
        var i = 0;
        try
        {
            // CreateChecked throws only for integer targets; float targets round (and saturate to ±Inf).
            for (; i < source.Length; i++) result[i] = TOut.CreateChecked(source[i]);
        }
        catch (OverflowException)
        {
            throw new EiecException($"{Source}: element {i} = {source[i]} does not fit in {TargetName<TOut>()}");
        }
        return result;
    }

    private static string TargetName<T>() =>
        typeof(T) == typeof(float) ? "float32" :
        typeof(T) == typeof(double) ? "float64" :
        typeof(T) == typeof(long) ? "int64" :
        typeof(T) == typeof(int) ? "int32" :
        typeof(T) == typeof(short) ? "int16" :
        typeof(T) == typeof(byte) ? "uint8" : typeof(T).Name;
}
