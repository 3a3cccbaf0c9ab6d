using System.Buffers.Binary;
using System.Text;
using Eiec.Contract.Diagnostics;

namespace Eiec.Contract.Npy;

/// <summary>
/// Strict reader for NumPy's .npy format (versions 1.0, 2.0, 3.0). Anything eiec cannot read
/// exactly as NumPy would (big-endian, Fortran order, objects, structured dtypes, short or
/// over-long data) is an <see cref="EiecException"/> naming <c>source</c>, because guessing at a
/// weight file produces a network that silently computes the wrong thing.
/// </summary>
public static class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static NpyArray Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EiecException($"{path}: cannot read .npy file: {e.Message}");
        }
    }

    public static NpyArray Read(byte[] bytes, string source)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return Read(stream, source);
    }

    /// <summary>Reads one array from the current position to the end of <paramref name="stream"/>.</summary>
    public static NpyArray Read(Stream stream, string source) => Read(stream, source, knownLength: null);

    /// <param name="knownLength">Total byte length if known (a zip member's size), so an absurd
    /// header shape is rejected before allocating for it.</param>
    internal static NpyArray Read(Stream stream, string source, long? knownLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return ReadCore(stream, source, knownLength ?? (stream.CanSeek ? stream.Length - stream.Position : null));
        }
        catch (InvalidDataException e)
        {
            // Raised by the decompressor of a damaged zip member.
            throw new EiecException($"{source}: corrupt data: {e.Message}");
        }
        catch (IOException e)
        {
            throw new EiecException($"{source}: cannot read: {e.Message}");
        }
    }

    private static NpyArray ReadCore(Stream stream, string source, long? available)
    {
        Span<byte> prefix = stackalloc byte[8];
        var got = ReadFully(stream, prefix);
        if (got < Magic.Length || !prefix[..Magic.Length].SequenceEqual(Magic))
            throw new EiecException($"{source}: not a .npy file (it does not start with the magic string \\x93NUMPY)");
        if (got < 8) throw new EiecException($"{source}: truncated .npy file: it ends inside the format version");
        var (major, minor) = (prefix[6], prefix[7]);
        if (major is < 1 or > 3 || minor != 0)
            throw new EiecException($"{source}: unsupported .npy format version {major}.{minor}; " +
                "supported versions are 1.0, 2.0 and 3.0");

        var lengthBytes = major == 1 ? 2 : 4;
        Span<byte> lengthField = stackalloc byte[4];
        if (ReadFully(stream, lengthField[..lengthBytes]) < lengthBytes)
            throw new EiecException($"{source}: truncated .npy file: it ends inside the header length");
        long headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(lengthField)
            : BinaryPrimitives.ReadUInt32LittleEndian(lengthField);
        var preamble = 8 + lengthBytes;
        // Real headers are a few hundred bytes; a huge value is damage, not data.
        if (headerLength > 1 << 20 || (available is { } a && preamble + headerLength > a))
            throw new EiecException(
                $"{source}: truncated or corrupt .npy file: the header length field says {headerLength} bytes" +
                (available is { } b ? $" but the file has only {Math.Max(0, b - preamble)} bytes after it" : ""));
        var headerBytes = new byte[headerLength];
        if (ReadFully(stream, headerBytes) < headerLength)
            throw new EiecException($"{source}: truncated .npy file: it ends inside the {headerLength}-byte header");
        var headerText = major == 3 ? DecodeUtf8(headerBytes, source) : Encoding.Latin1.GetString(headerBytes);
        var header = NpyHeaderParser.Parse(headerText, source);

        var dtype = ResolveDType(header.Descr, source);
        // A 0-d or 1-d array is laid out identically in both orders.
        if (header.FortranOrder && header.Shape.Length > 1)
            throw new EiecException($"{source}: Fortran-ordered (column-major) arrays are not supported; " +
                $"save np.ascontiguousarray(a) instead (shape {NpyArray.FormatShape(header.Shape)})");

        long count = 1;
        foreach (var dim in header.Shape)
        {
            count *= dim;
            if (count > Array.MaxLength) break;
        }
        var dataLength = count * dtype.ItemSize();
        var describe = $"shape {NpyArray.FormatShape(header.Shape)} of '{header.Descr}' ({dataLength} bytes)";
        if (dataLength > Array.MaxLength)
            throw new EiecException($"{source}: array too large: {describe} exceeds the {Array.MaxLength}-byte limit");
        var dataStart = preamble + headerLength;
        if (available is { } total && dataStart + dataLength > total)
            throw Truncated(source, describe, total - dataStart);

        var data = new byte[dataLength];
        var read = ReadFully(stream, data);
        if (read < dataLength) throw Truncated(source, describe, read);
        var extra = CountRemaining(stream);
        if (extra > 0)
            throw new EiecException(
                $"{source}: {extra} unexpected byte(s) after the array data; the header declares {describe}");
        return new NpyArray(dtype, header.Shape, data, source);
    }

    private static EiecException Truncated(string source, string describe, long actual) =>
        new($"{source}: truncated .npy data: the header declares {describe} but only {actual} byte(s) follow");

    private static NpyDType ResolveDType(string descr, string source)
    {
        if (NpyDTypes.FromDescr(descr) is { } dtype) return dtype;
        if (descr.Contains('O'))
            throw new EiecException($"{source}: object dtype '{descr}' is not supported " +
                "(it holds pickled Python objects); save a numeric array");
        if (descr.Length > 1 && descr[0] == '>' && NpyDTypes.FromDescr("<" + descr[1..]) is { } little)
            throw new EiecException(
                $"{source}: big-endian dtype '{descr}' is not supported; convert with a.astype('{little.Descr()}')");
        throw new EiecException(
            $"{source}: unsupported dtype '{descr}'; supported dtypes are {string.Join(" ", NpyDTypes.Accepted)}");
    }

    private static string DecodeUtf8(byte[] bytes, string source)
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException)
        { throw new EiecException($"{source}: malformed .npy header: version 3.0 header is not valid UTF-8"); }
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    private static long CountRemaining(Stream stream)
    {
        if (stream.CanSeek) return Math.Max(0, stream.Length - stream.Position);
        Span<byte> scratch = stackalloc byte[4096];
        long count = 0;
        int n;
        while ((n = stream.Read(scratch)) > 0) count += n;
        return count;
    }
}
