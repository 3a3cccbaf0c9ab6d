namespace Eiec.Contract.Npy;

/// <summary>
/// Maps <see cref="NpyDType"/> to NumPy descr strings. The canonical descr is the one NumPy itself
/// writes (<c>|u1</c>, not <c>&lt;u1</c>), so files we write are byte-identical to <c>np.save</c>.
/// </summary>
public static class NpyDTypes
{
    private static readonly (NpyDType Type, string Descr, int Size, string Name)[] Table =
    [
        (NpyDType.Int8, "|i1", 1, "int8"),
        (NpyDType.UInt8, "|u1", 1, "uint8"),
        (NpyDType.Int16, "<i2", 2, "int16"),
        (NpyDType.UInt16, "<u2", 2, "uint16"),
        (NpyDType.Int32, "<i4", 4, "int32"),
        (NpyDType.UInt32, "<u4", 4, "uint32"),
        (NpyDType.Int64, "<i8", 8, "int64"),
        (NpyDType.UInt64, "<u8", 8, "uint64"),
        (NpyDType.Float32, "<f4", 4, "float32"),
        (NpyDType.Float64, "<f8", 8, "float64"),
    ];

    /// <summary>Every descr accepted on input, in the order error messages list them.</summary>
    public static IReadOnlyList<string> Accepted { get; } =
        ["<f4", "<f8", "|i1", "<i1", "<i2", "<i4", "<i8", "|u1", "<u1", "<u2", "<u4", "<u8"];

    public static string Descr(this NpyDType type) => Table[(int)type].Descr;

    public static int ItemSize(this NpyDType type) => Table[(int)type].Size;

    /// <summary>NumPy's name for the type (<c>float32</c>), for messages.</summary>
    public static string NumpyName(this NpyDType type) => Table[(int)type].Name;

    public static bool IsInteger(this NpyDType type) => type is not (NpyDType.Float32 or NpyDType.Float64);

    /// <summary>Parses a descr; returns null if it is not one eiec supports (the caller words the error).</summary>
    public static NpyDType? FromDescr(string descr)
    {
        if (descr.Length != 3 || descr[0] is not ('<' or '|')) return null;
        var body = descr[1..];
        foreach (var entry in Table)
        {
            if (entry.Descr[1..] != body) continue;
            // '|' (not applicable) is only meaningful for one-byte types; '<f4' with '|' is malformed.
            if (descr[0] == '|' && entry.Size != 1) return null;
            return entry.Type;
        }
        return null;
    }
}
