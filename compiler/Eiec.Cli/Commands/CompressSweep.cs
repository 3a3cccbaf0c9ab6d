using System.Diagnostics;
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
using Eiec.Toolchain.Compress;
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

    /// <summary>
    /// The compress runs that do not write one .cz: a --sweep (when <paramref name="densities"/> is given)
    /// or pruning alone (--codebook-bits 0: the pruned dense .npz and its density report).
    /// </summary>
    public static int RunOther(TrainingConsole ui, CompressRequest request, IReadOnlyList<double>? densities,
        string? label,
        IReadOnlyList<string> compare, Stopwatch clock)
    {
        string modelPath = request.ModelPath;
        foreach (var (path, option) in new[] { (request.OutputPath, "--output"), (request.ReportPath, "--report") })
        {
            OutputPaths.NotAnInput(path, option, modelPath, "the dense model");
            OutputPaths.NotAnInput(path, option, request.DataPath, "the training data");
            OutputPaths.NotAnInput(path, option, request.PruneConfigPath, "the prune config");
        }
        if (densities is null)
        {
            AtomicFile.CheckWritable(request.OutputPath, "pruned dense model");
            if (request.ReportPath is { } rp) AtomicFile.CheckWritable(rp, "pruning report");
        }
        var dense = DenseModelLoader.Load(modelPath);
        if (request.Normalization is { } input) dense = dense with { Input = input };
        var options = new CompressionOptions { CodebookBits = request.CodebookBits, Scope = request.Scope };
        if (request.Density is { } d)
        {
            if (request.PruneConfigPath is not null)
                throw new EiecException("--density and --config both given; put the default density in the config file "
                    + "(density: …)");
            options = options with { Density = d };
        }
        if (request.PruneConfigPath is { } configPath)
            options = PruneConfig.Load(configPath).Apply(options, dense.Layers.Select(l => l.Name), configPath);
        DatasetSplits? splits = null;
        if (request.DataPath is { } dataPath)
        {
            var all = DatasetLoader.Load(dataPath);
            splits = new DatasetSplits(all.Train.Take(request.Limit), all.Test.Take(request.TestLimit));
        }
        if (densities is not null)
            return Sweep(ui, dense, options, request.Retrain, splits!, densities,
                label ?? Label(options, request.Retrain), compare, modelPath, request.OutputPath);

        DenseModel pruned;
        IReadOnlyList<string> notes = [];
        if (splits is not null)
            (pruned, notes) = ui.Run((onEpoch, onProgress) => RetrainingCompressor.PruneAndRetrain(dense, options,
                request.Retrain,
                splits.Train, splits.Test, modelPath, onEpoch, onProgress));
        else pruned = DeepCompressor.PruneOnly(dense, options, modelPath);
        var report = PrunedModelReport.ToMarkdown(pruned, notes);
        using (var staged = new StagedFiles())
        {
            staged.Add(request.OutputPath, "pruned dense model", stream => DenseNpzWriter.Write(pruned, stream));
            if (request.ReportPath is { } reportPath) staged.AddText(reportPath, "pruning report", report);
            staged.Commit();
        }
        long kept = pruned.Layers.Sum(l => l.Weight.LongCount(w => w != 0)),
            total = pruned.Layers.Sum(l => l.WeightCount);
        ui.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pruned {modelPath} → {request.OutputPath}: {kept:N0} of {total:N0} weights non-zero "
                + $"({(double)kept / total:P2}), no weight sharing; {clock.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    private static string Label(CompressionOptions options, RetrainOptions retrain) =>
        (options.Scope == PruneScope.Global ? "global" : "per layer") + (retrain.PruneSteps > 1
            ? $", {retrain.PruneSteps} steps" : ", one-shot");

    public static int Sweep(TrainingConsole ui, DenseModel dense, CompressionOptions options, RetrainOptions retrain,
        DatasetSplits splits, IReadOnlyList<double> densities, string label, IReadOnlyList<string> compare,
        string modelPath, string dir)
    {
        if (options.LayerDensities.Count > 0)
            throw new EiecException("--sweep with per-layer densities (--config): a sweep sets one density for the "
                + "model; drop --config");
        var previous = compare.SelectMany(ReadCsv).ToList();
        var rows = new List<CompressionSweepRow>();
        var files = new List<(string Name, byte[] Bytes)>();
        foreach (var density in densities)
        {
            var o = options with { Density = density };
            var result = ui.Run((onEpoch, onProgress) =>
                RetrainingCompressor.Compress(dense, o, retrain, splits.Train, splits.Test, modelPath, onEpoch,
                    onProgress));
            string name = string.Create(CultureInfo.InvariantCulture, $"density_{density * 100:0.###}pct.cz");
            files.Add((name, CzWriter.ToBytes(result.Model, name)));
            var image = ImageCompiler.Compile(result.Model, new AccelConfig(), ImageCompiler.DefaultActivationFracBits,
                name);
            var normalized = splits.Test.Normalized(result.Model.Input);
            var floatRow = ModelEvaluator.CompressedFloat(result.Model, normalized);
            var golden = ModelEvaluator.Golden(image, normalized);
            var r = result.Report;
            var row = new CompressionSweepRow(label, density, r.Kept, r.Weights, r.Ratio, r.RatioHuffman,
                floatRow.Accuracy, golden.Accuracy, normalized.Count);
            rows.Add(row);
            ui.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: density {density:P2}: {r.Ratio:F1}× ({r.RatioHuffman:F1}× Huffman), top-1 float "
                    + $"{floatRow.Accuracy:P2}, golden {golden.Accuracy:P2} on {normalized.Count:N0}"));
        }
        var all = previous.Concat(rows).ToList();
        string title = $"{dense.Name}: top-1 vs " + "{0}" + " (with retraining)";
        Directory.CreateDirectory(dir);
        using (var staged = new StagedFiles())
        {
            staged.AddText(Path.Combine(dir, "sweep.csv"), "sweep table", ToCsv(rows));
            var byDensity = CompressPlots.Curve(all, string.Format(CultureInfo.InvariantCulture, title, "density"),
                byRatio: false);
            var byRatio = CompressPlots.Curve(all, string.Format(CultureInfo.InvariantCulture, title,
                "compression ratio"), byRatio: true);
            staged.Add(Path.Combine(dir, "accuracy_vs_density.png"), "plot", s => s.Write(byDensity));
            staged.Add(Path.Combine(dir, "accuracy_vs_ratio.png"), "plot", s => s.Write(byRatio));
            foreach (var (name, bytes) in files) staged.Add(Path.Combine(dir, name), "compressed model",
                s => s.Write(bytes));
            staged.Commit();
        }
        ui.WriteLine($"wrote {Path.Combine(dir, "sweep.csv")}, accuracy_vs_density.png, accuracy_vs_ratio.png and "
            + $"{files.Count} .cz files");
        return 0;
    }

    public static string ToCsv(IEnumerable<CompressionSweepRow> rows)
    {
        var sb = new StringBuilder(CsvHeader + "\n");
        foreach (var r in rows)
            sb.Append(CultureInfo.InvariantCulture,
                $"{Quote(r.Label)},{r.Density:R},{r.Kept},{r.Weights},{r.Ratio:F3},{r.RatioHuffman:F3},"
                + $"{r.FloatAccuracy:F6},{r.GoldenAccuracy:F6},{r.Examples}\n");
        return sb.ToString();
    }

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"",
        "\"\"") + "\"" : s;

    /// <summary>Rows of an earlier sweep.csv (its label column names its curve).</summary>
    public static IEnumerable<CompressionSweepRow> ReadCsv(string path)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new EiecException($"--sweep-compare {path}: cannot read: {e.Message}"); }
        if (lines.Length == 0 || lines[0] != CsvHeader)
            throw new EiecException($"--sweep-compare {path}: not a sweep.csv of `eiec compress --sweep` (header "
                + $"'{CsvHeader}')");
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
