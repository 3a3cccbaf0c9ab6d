using System.Buffers;
using Eiec.Contract.Diagnostics;

namespace Eiec.Contract.Image;

/// <summary>
/// <c>$readmemh</c> files: one word per line, a fixed number of lowercase hex digits, '\n' endings,
/// no address markers or comments. Written and parsed by hand because images reach tens of MB and
/// both directions sit on the build and simulator-load critical paths.
/// </summary>
public static class HexFile
{
    private static readonly byte[] Digits = "0123456789abcdef"u8.ToArray();

    public static int DigitsFor(int widthBits) => (widthBits + 3) / 4;

    /// <summary>Writes <paramref name="depth"/> lines: words[0..count) then zeros.</summary>
    public static void Write(string path, int widthBits, int depth, ReadOnlySpan<ulong> words)
    {
        int digits = DigitsFor(widthBits);
        if (digits > 16) throw new ArgumentOutOfRangeException(nameof(widthBits));
        int line = digits + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(line * 8192);
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            int pos = 0;
            for (int i = 0; i < depth; i++)
            {
                ulong w = i < words.Length ? words[i] : 0;
                for (int d = digits - 1; d >= 0; d--) { buffer[pos + d] = Digits[(int)(w & 0xF)]; w >>= 4; }
                buffer[pos + digits] = (byte)'\n';
                pos += line;
                if (pos + line > buffer.Length) { stream.Write(buffer, 0, pos); pos = 0; }
            }
            stream.Write(buffer, 0, pos);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    /// <summary>Writes wide words given as 32-bit fields (field 0 least significant).</summary>
    public static void WriteFields(string path, int fieldsPerWord, int depth, IReadOnlyList<uint[]> words)
    {
        using var writer = new StreamWriter(path, false) { NewLine = "\n" };
        for (int i = 0; i < depth; i++)
        {
            for (int f = fieldsPerWord - 1; f >= 0; f--)
                writer.Write((i < words.Count ? words[i][f] : 0u).ToString("x8"));
            writer.Write('\n');
        }
    }

    /// <summary>
    /// Reads the first <paramref name="count"/> words of a file that must hold exactly
    /// <paramref name="depth"/> lines of the given width (checked from the file size).
    /// </summary>
    public static ulong[] Read(string path, int widthBits, int depth, int count)
    {
        int digits = DigitsFor(widthBits);
        int line = digits + 1;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new EiecException($"{path}: memory image file is missing");
            if (info.Length != (long)depth * line)
                throw new EiecException($"{path}: expected {depth} lines of {digits} hex digits " +
                    $"({(long)depth * line} bytes) but the file has {info.Length} bytes");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            bytes = new byte[(long)count * line];
            stream.ReadExactly(bytes);
        }
        catch (IOException e) { throw new EiecException($"{path}: cannot read memory image: {e.Message}"); }
        var words = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            int pos = i * line;
            ulong w = 0;
            for (int d = 0; d < digits; d++)
            {
                int c = bytes[pos + d];
                int v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
                if ((uint)v > 15) throw new EiecException($"{path}: line {i + 1}: '{(char)c}' is not a hex digit");
                w = (w << 4) | (uint)v;
            }
            if (bytes[pos + digits] != '\n')
                throw new EiecException($"{path}: line {i + 1}: expected {digits} hex digits then a newline");
            words[i] = w;
        }
        return words;
    }

    /// <summary>Reads wide words of 32-bit fields (field 0 least significant).</summary>
    public static uint[][] ReadFields(string path, int fieldsPerWord, int depth, int count)
    {
        int digits = fieldsPerWord * 8;
        string[] lines;
        try
        {
            if (!File.Exists(path)) throw new EiecException($"{path}: memory image file is missing");
            lines = File.ReadAllLines(path);
        }
        catch (IOException e) { throw new EiecException($"{path}: cannot read memory image: {e.Message}"); }
        if (lines.Length != depth) throw new EiecException($"{path}: expected {depth} lines but found {lines.Length}");
        var result = new uint[count][];
        for (int i = 0; i < count; i++)
        {
            var text = lines[i];
            if (text.Length != digits)
                throw new EiecException($"{path}: line {i + 1}: expected {digits} hex digits, found {text.Length}");
            result[i] = new uint[fieldsPerWord];
            for (int f = 0; f < fieldsPerWord; f++)
            {
                var chunk = text.AsSpan((fieldsPerWord - 1 - f) * 8, 8);
                if (!uint.TryParse(chunk, System.Globalization.NumberStyles.AllowHexSpecifier, null, out result[i][f]))
                    throw new EiecException($"{path}: line {i + 1}: '{chunk}' is not hex");
            }
        }
        return result;
    }
}
