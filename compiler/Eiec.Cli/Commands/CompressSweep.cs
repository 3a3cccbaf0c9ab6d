using System.Globalization;
using System.Text;
using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;
using Eiec.FrontEnd.Compress;
using Eiec.FrontEnd.Datasets;
using Eiec.FrontEnd.Import;
using Eiec.FrontEnd.Training;
using Eiec.Toolchain.Evaluation;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec compress --sweep d1,d2,…`: the model compressed once per density (same options otherwise, with
/// retraining when --data is given), each point scored in float and through the fixed-point golden
/// model (default 64-PE accelerator, Q7.8), written as sweep.csv, accuracy_vs_density.png and
/// accuracy_vs_ratio.png (fixed width and Huffman), plus each point's .cz, into the -o directory.
/// </summary>
public static class CompressSweep
{
    public const string CsvHeader = "label,density,kept,weights,ratio,ratio_huffman,float_top1,golden_top1,examples";

    public static int Run(TrainingConsole ui, DenseModel dense, CompressionOptions options, RetrainOptions? retrain,
        DatasetSplits? splits, Dataset test, IReadOnlyList<double> densities, string label, IReadOnlyList<string> compare,
        string modelPath, string dir)
    {
        if (options.LayerDensities.Count > 0)
            throw new EiecException("--sweep with per-layer densities (--config): a sweep sets one density for the model; drop --config");
        var previous = compare.SelectMany(ReadCsv).ToList();
        var rows = new List<CompressionSweepRow>();
        var files = new List<(string Name, byte[] Bytes)>();
        foreach (var density in densities)
        {
            var o = options with { Density = density };
            var result = retrain is not null && splits is not null
                ? ui.Run((onEpoch, onProgress) => RetrainingCompressor.Compress(dense, o, retrain, splits.Train, splits.Test, modelPath, onEpoch, onProgress))
                : DeepCompressor.Compress(dense, o, modelPath);
            string name = string.Create(CultureInfo.InvariantCulture, $"density_{density * 100:0.###}pct.cz");
            files.Add((name, CzWriter.ToBytes(result.Model, name)));
            var image = ImageCompiler.Compile(result.Model, new AccelConfig(), ImageCompiler.DefaultActivationFracBits, name);
            var normalized = test.Normalized(result.Model.Input);
            var floatRow = ModelEvaluator.CompressedFloat(result.Model, normalized);
            var golden = ModelEvaluator.Golden(image, normalized);
            var r = result.Report;
            var row = new CompressionSweepRow(label, density, r.Kept, r.Weights, r.Ratio, r.RatioHuffman, floatRow.Accuracy, golden.Accuracy, test.Count);
            rows.Add(row);
            ui.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: density {density:P2}: {r.Ratio:F1}× ({r.RatioHuffman:F1}× Huffman), top-1 float {floatRow.Accuracy:P2}, golden {golden.Accuracy:P2} on {test.Count:N0}"));
        }
        var all = previous.Concat(rows).ToList();
        string title = $"{dense.Name}: top-1 vs " + "{0}" + (retrain is null ? " (no retraining)" : " (with retraining)");
        Directory.CreateDirectory(dir);
        using (var staged = new StagedFiles())
        {
            staged.AddText(Path.Combine(dir, "sweep.csv"), "sweep table", ToCsv(rows));
            var byDensity = CompressPlots.Curve(all, string.Format(CultureInfo.InvariantCulture, title, "density"), byRatio: false);
            var byRatio = CompressPlots.Curve(all, string.Format(CultureInfo.InvariantCulture, title, "compression ratio"), byRatio: true);
            staged.Add(Path.Combine(dir, "accuracy_vs_density.png"), "plot", s => s.Write(byDensity));
            staged.Add(Path.Combine(dir, "accuracy_vs_ratio.png"), "plot", s => s.Write(byRatio));
            foreach (var (name, bytes) in files) staged.Add(Path.Combine(dir, name), "compressed model", s => s.Write(bytes));
            staged.Commit();
        }
        ui.WriteLine($"wrote {Path.Combine(dir, "sweep.csv")}, accuracy_vs_density.png, accuracy_vs_ratio.png and {files.Count} .cz files");
        return 0;
    }

    public static string ToCsv(IEnumerable<CompressionSweepRow> rows)
    {
        var sb = new StringBuilder(CsvHeader + "\n");
        foreach (var r in rows)
            sb.Append(CultureInfo.InvariantCulture,
                $"{Quote(r.Label)},{r.Density:R},{r.Kept},{r.Weights},{r.Ratio:F3},{r.RatioHuffman:F3},{r.FloatAccuracy:F6},{r.GoldenAccuracy:F6},{r.Examples}\n");
        return sb.ToString();
    }

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>Rows of an earlier sweep.csv (its label column names its curve).</summary>
    public static IEnumerable<CompressionSweepRow> ReadCsv(string path)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new EiecException($"--sweep-compare {path}: cannot read: {e.Message}"); }
        if (lines.Length == 0 || lines[0] != CsvHeader)
            throw new EiecException($"--sweep-compare {path}: not a sweep.csv of `eiec compress --sweep` (header '{CsvHeader}')");
        var rows = new List<CompressionSweepRow>();
        for (int n = 1; n < lines.Length; n++)
        {
            if (lines[n].Length == 0) continue;
            var f = SplitCsv(lines[n]);
            try
            {
                double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
                rows.Add(new CompressionSweepRow(f[0], D(1), long.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture),
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
