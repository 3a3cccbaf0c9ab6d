using System.Globalization;
using System.Text;
using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Compress;

namespace Eiec.Toolchain.Compress;

/// <summary>sweep.csv of <c>eiec compress --sweep</c>: written per sweep, read back to compare curves.</summary>
public static class CompressSweepCsv
{
    /// <summary>The first line of every sweep.csv.</summary>
    public const string Header = "label,density,kept,weights,ratio,ratio_huffman,float_top1,golden_top1,examples";

    /// <summary>The table, header first, one line per row.</summary>
    public static string ToCsv(IEnumerable<CompressionSweepRow> rows)
    {
        var sb = new StringBuilder(Header + "\n");
        foreach (var r in rows)
            sb.Append(CultureInfo.InvariantCulture,
                $"{Quote(r.Label)},{r.Density:R},{r.Kept},{r.Weights},{r.Ratio:F3},{r.RatioHuffman:F3},"
                + $"{r.FloatAccuracy:F6},{r.GoldenAccuracy:F6},{r.Examples}\n");
        return sb.ToString();
    }

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"",
        "\"\"") + "\"" : s;

    /// <summary>Rows of an earlier sweep.csv (its label column names its curve).</summary>
    public static IEnumerable<CompressionSweepRow> Read(string path)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new EiecException($"--sweep-compare {path}: cannot read: {e.Message}"); }
        if (lines.Length == 0 || lines[0] != Header)
            throw new EiecException($"--sweep-compare {path}: not a sweep.csv of `eiec compress --sweep` (header "
                + $"'{Header}')");
        var rows = new List<CompressionSweepRow>();
        for (int n = 1; n < lines.Length; n++)
        {
            if (lines[n].Length == 0) continue;
            var f = SplitCsv(lines[n]);
            try
            {
                double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
                rows.Add(new CompressionSweepRow(f[0], D(1), long.Parse(f[2], CultureInfo.InvariantCulture),
                    long.Parse(f[3], CultureInfo.InvariantCulture),
                    D(4), D(5), D(6), D(7), int.Parse(f[8], CultureInfo.InvariantCulture)));
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException or OverflowException)
            { throw new EiecException($"--sweep-compare {path}: line {n + 1}: {e.Message}"); }
        }
        return rows;
    }

    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields.ToArray();
    }
}
