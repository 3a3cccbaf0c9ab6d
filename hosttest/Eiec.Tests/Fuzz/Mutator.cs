using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Eiec.Tests.Fuzz;

/// <summary>
/// Deterministic mutations of a seed input: byte flips, truncations, inserts, duplicated chunks, and
/// semantic edits of the text inside (numbers swapped for extremes, lines repeated or dropped),
/// applied to ZIP members with the archive rebuilt so the edit reaches the parser behind the CRC.
/// </summary>
public sealed partial class Mutator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Extremes =
        ["0", "-1", "1", "2000000000", "2147483648", "-2147483649", "99999999999999999999", "1e308", "-0", "nan",
         ".inf", "0.0", "65536", "4294967295", "''", "[]", "{}", "~"];

    public byte[] Mutate(byte[] seedBytes, bool isZip)
    {
        var choice = _random.Next(isZip ? 7 : 6);
        return choice switch
        {
            0 => Flip(seedBytes),
            1 => Truncate(seedBytes),
            2 => Insert(seedBytes),
            3 => Duplicate(seedBytes),
            // Latin-1 maps bytes to chars one to one, so everything but the edit survives unchanged.
            4 or 5 => Encoding.Latin1.GetBytes(MutateText(Encoding.Latin1.GetString(seedBytes))),
            _ => MutateMember(seedBytes),
        };
    }

    private byte[] Flip(byte[] data)
    {
        if (data.Length == 0) return [(byte)_random.Next(256)];
        var copy = (byte[])data.Clone();
        for (var n = 1 + _random.Next(4); n > 0; n--)
            copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
        return copy;
    }

    private byte[] Truncate(byte[] data) => data.Length == 0 ? data : data[.._random.Next(data.Length)];

    private byte[] Insert(byte[] data)
    {
        var at = _random.Next(data.Length + 1);
        var extra = new byte[1 + _random.Next(16)];
        _random.NextBytes(extra);
        return [.. data[..at], .. extra, .. data[at..]];
    }

    private byte[] Duplicate(byte[] data)
    {
        if (data.Length == 0) return data;
        var start = _random.Next(data.Length);
        var length = Math.Min(1 + _random.Next(64), data.Length - start);
        var at = _random.Next(data.Length + 1);
        return [.. data[..at], .. data.AsSpan(start, length), .. data[at..]];
    }

    /// <summary>Numbers replaced by extremes; a line repeated (duplicate keys) or dropped.</summary>
    public string MutateText(string text)
    {
        switch (_random.Next(3))
        {
            case 0:
                var numbers = Number().Matches(text);
                if (numbers.Count == 0) goto case 1;
                var m = numbers[_random.Next(numbers.Count)];
                return text[..m.Index] + Extremes[_random.Next(Extremes.Length)] + text[(m.Index + m.Length)..];
            case 1:
                var lines = text.Split('\n').ToList();
                var i = _random.Next(lines.Count);
                lines.Insert(i, lines[i]);
                return string.Join('\n', lines);
            default:
                var all = text.Split('\n').ToList();
                all.RemoveAt(_random.Next(all.Count));
                return string.Join('\n', all);
        }
    }

    /// <summary>A text edit of one member (manifest, .npy header) with the ZIP rebuilt around it.</summary>
    private byte[] MutateMember(byte[] zipBytes)
    {
        List<(string Name, byte[] Data)> members;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
            members = zip.Entries.Select(e =>
            {
                using var s = e.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                return (e.FullName, m.ToArray());
            }).ToList();
        }
        catch (InvalidDataException)
        {
            return Flip(zipBytes);
        }
        if (members.Count == 0) return zipBytes;
        var index = _random.Next(members.Count);
        var (name, data) = members[index];
        // A .npy member: edit the header only (shape, dtype) so the data behind it stays; else the text.
        var headerEnd = name.EndsWith(".npy", StringComparison.Ordinal) ? Math.Min(data.Length, 128) : data.Length;
        var edited = Encoding.Latin1.GetBytes(MutateText(Encoding.Latin1.GetString(data, 0, headerEnd)));
        members[index] = (name, [.. edited, .. data[headerEnd..]]);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (n, d) in members)
            {
                using var s = zip.CreateEntry(n, CompressionLevel.NoCompression).Open();
                s.Write(d);
            }
        }
        return output.ToArray();
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex Number();
}
