using System.Buffers.Binary;
using System.Text;

namespace Eiec.Contract.Npy;

/// <summary>
/// Writes .npy version 1.0 exactly as NumPy's <c>np.save</c> does (same header text, same growth
/// padding, data aligned to 64 bytes), so the same array always gives the same bytes and a file we
/// write is byte-identical to NumPy's.
/// </summary>
public static class NpyWriter
{
    /// <summary>NumPy aligns the data start to this many bytes.</summary>
    public const int Alignment = 64;

    // NumPy reserves room in the header so the first axis can grow in place to this many digits.
    private const int GrowthAxisMaxDigits = 21;

    public static byte[] ToBytes(NpyArray array)
    {
        using var stream = new MemoryStream();
        Write(stream, array);
        return stream.ToArray();
    }

    public static void Write(Stream stream, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        stream.Write(Header(array));
        stream.Write(array.Data);
    }

    /// <summary>Writes atomically (temporary file in the same directory, then rename).</summary>
    public static void WriteFile(string path, NpyArray array) =>
        AtomicFile.Write(path, "NumPy array", stream => Write(stream, array));

    private static byte[] Header(NpyArray array)
    {
        var dict = $"{{'descr': '{array.Descr}', 'fortran_order': False, 'shape': {array.ShapeText}, }}";
        if (array.Rank > 0)
            dict += new string(' ', Math.Max(0, GrowthAxisMaxDigits
                - array.Shape[0].ToString(System.Globalization.CultureInfo.InvariantCulture).Length));
        // NumPy's formula: always at least one space, and a whole extra block when the unpadded
        // header happens to end on a boundary. Reproduced as is for byte-identical output.
        var unpadded = 10 + dict.Length + 1;
        var padding = Alignment - unpadded % Alignment;
        var text = dict + new string(' ', padding) + "\n";
        if (text.Length > ushort.MaxValue)
            throw new InvalidOperationException("npy header longer than version 1.0 allows");
        var header = new byte[10 + text.Length];
        header[0] = 0x93;
        "NUMPY"u8.CopyTo(header.AsSpan(1));
        header[6] = 1;
        header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)text.Length);
        Encoding.Latin1.GetBytes(text, header.AsSpan(10));
        return header;
    }
}
