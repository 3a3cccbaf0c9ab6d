using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Eiec.Compiler.Lowering;
using Eiec.Compiler.Report;
using Eiec.Contract.Checking;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Image;
using Eiec.Contract.Npy;
using Eiec.FrontEnd.Compress;
using Eiec.FrontEnd.Datasets;
using Eiec.FrontEnd.Export;
using Eiec.FrontEnd.Gen;
using Eiec.FrontEnd.Import;
using Eiec.FrontEnd.Training;
using Eiec.Golden;
using Eiec.Hdl;
using Eiec.Hdl.Vendor;
using Eiec.Sim;
using Eiec.Sim.Energy;
using Eiec.Sim.Report;
using Eiec.Sim.Stats;
using Eiec.Toolchain.Build;
using Eiec.Toolchain.Check;
using Eiec.Toolchain.Compress;
using Eiec.Toolchain.Evaluation;
using Eiec.Toolchain.Export;
using Eiec.Toolchain.Generate;
using Eiec.Toolchain.Run;
using Eiec.Toolchain.Sensitivity;
using Eiec.Toolchain.Simulate;
using Eiec.Toolchain.Sweep;
using Eiec.Toolchain.Train;

namespace Eiec.Toolchain;

/// <summary>
/// The library facade: every pipeline the <c>eiec</c> command offers, as one call each. Each call
/// checks its inputs first, does the work, writes its files all-or-nothing, and returns a record of
/// what it computed; nothing here prints. Errors a user can cause are <see cref="EiecException"/>s
/// naming the file, layer and value at fault. The CLI (Eiec.Cli) only parses options, calls these
/// and prints the records.
/// </summary>
public static class EiecToolchain
{
    /// <summary>
    /// Compiles a .cz model for <paramref name="config"/> and writes the image directory: memory hex
    /// files and manifest, report.md/report.json, and the generated Verilog in rtl/. The directory is
    /// replaced atomically: a failed build leaves an earlier one untouched.
    /// </summary>
    /// <param name="modelPath">Compressed model (.cz).</param>
    /// <param name="config">Accelerator configuration.</param>
    /// <param name="outputDir">Image directory to write.</param>
    /// <param name="activationFracBits">Fraction bits of the 16-bit activations (docs/fixed-point.md).</param>
    /// <param name="configName">Where the configuration came from, for generated-file headers.</param>
    /// <param name="rtl">Name prefix and vendor flows of the RTL (docs/rtl.md); null: the plain RTL.</param>
    /// <param name="balance">Row placement (docs/balancing.md).</param>
    /// <param name="calibrationPath">Input vectors (.npy, as `eiec run --input` takes) whose non-zero columns the
    /// balancer weighs (docs/balancing.md, "Calibration"); null: every column alike.</param>
    public static BuildResult Build(
        string modelPath, AccelConfig config, string outputDir,
        int activationFracBits = ImageCompiler.DefaultActivationFracBits, string configName = "built-in defaults",
        RtlOptions? rtl = null, BalanceMode balance = ImageCompiler.DefaultBalance, string? calibrationPath = null)
    {
        var clock = Stopwatch.StartNew();
        VendorFlows.Check(rtl ?? RtlOptions.Default); // option errors before any work
        if (calibrationPath is not null && balance == BalanceMode.None)
            throw new EiecException($"--calibration {calibrationPath}: calibration weighs the balanced placement; " +
                "it needs --balance rows or search, not none");
        var model = CzReader.ReadFor(modelPath, config);
        var activity = calibrationPath is null ? null
            : Calibration.Measure(model, config, activationFracBits, modelPath, calibrationPath);
        var image = ImageCompiler.Compile(model, config, activationFracBits, modelPath, balance, activity);
        var report = BuildReport.From(image.Manifest);
        AtomicDirectory.Produce(outputDir, dir =>
        {
            ImageWriter.Write(image, dir);
            File.WriteAllText(Path.Combine(dir, ImageFiles.ReportMarkdown), report.ToMarkdown());
            File.WriteAllText(Path.Combine(dir, ImageFiles.ReportJson), report.ToJson());
            RtlWriter.Write(config, configName, Path.Combine(dir, ImageFiles.RtlDir), rtl, image.OutputMap is not null);
        }, ImageSize.Bytes(image.Manifest));
        long nnz = image.Layers.Sum(l => l.NonZeros), pad = image.Layers.Sum(l => l.Padding);
        double kib = report.Layers.Sum(l => l.EieBits) / 8.0 / 1024;
        return new BuildResult(outputDir, image, report, nnz, pad, kib, clock.Elapsed);
    }

    /// <summary>
    /// Writes the generated Verilog (and files.f) for a configuration alone, without a model: the
    /// hardware that runs any model fitting the configuration, loaded at run time (docs/axi.md). The
    /// directory is replaced atomically, and only if it holds nothing but files eiec generates.
    /// </summary>
    /// <param name="options">Module/macro prefix and vendor flows, as for <see cref="Build"/>.</param>
    public static RtlResult Rtl(AccelConfig config, string outputDir, string configName = "built-in defaults",
        RtlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= RtlOptions.Default;
        VendorFlows.Check(options);
        config.Validated(configName);
        // What this command may write, by top-level entry (vendor flows sit in subdirectories: vivado/,
        // quartus/), with every target: a directory written with --target can be rewritten without it.
        var all = options with { Targets = Enum.GetValues<VendorTarget>(), Part = null, Device = null };
        var verilog = VerilogGenerator.Generate(
            config, configName, options.Prefix, multiplier: options.EffectiveMultiplier);
        var own = verilog.Concat(VendorFlows.Generate(config, configName, all, verilog))
            .Select(f => f.Name.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> files = [];
        AtomicDirectory.Produce(outputDir, dir => files = RtlWriter.Write(config, configName, dir, options), 0,
            VerilogGenerator.FileList, own);
        return new RtlResult(outputDir, files, ConfigHash.Of(config));
    }

    /// <summary>
    /// Runs the fixed-point golden model on an image read from disk, for every input vector;
    /// optionally compares with the float reference of a .cz, benchmarks, and writes the outputs.
    /// </summary>
    /// <param name="request">Image, input, reference and output paths.</param>
    /// <param name="onProgress">Sees the vectors run so far and the batch size (from worker threads).</param>
    public static RunResult Run(RunRequest request, Action<int, int>? onProgress = null)
    {
        if (request.Repeat < 0) throw new EiecException($"--repeat {request.Repeat}: must be 0 or more");
        Jobs.Check(request.Jobs);
        OutputPaths.NotInImage(request.OutputPath, "--output", request.ImageDir, AtomicDirectory.IsImageEntry);
        OutputPaths.NotAnInput(request.OutputPath, "--output", request.InputPath, "the input");
        OutputPaths.NotAnInput(request.OutputPath, "--output", request.ReferencePath, "the reference model");
        var image = ImageReader.Read(request.ImageDir);
        int frac = image.Manifest.ActivationFracBits;
        // A float input is raw data: normalized as the model says (image.json input_normalization) before quantizing.
        var vectors = ActivationInput.Load(request.InputPath, image.Layers[0].Inputs, frac, out long inputSaturations,
            image.Manifest.InputNormalization);
        var model = new GoldenModel(image);
        // Vectors are independent in the golden model: run on every core, each result in its own slot.
        var results = new GoldenResult[vectors.Length];
        int done = 0;
        ParallelFor.Run(vectors.Length, i =>
        {
            results[i] = model.Run(vectors[i]);
            onProgress?.Invoke(Interlocked.Increment(ref done), vectors.Length);
        }, request.Jobs ?? -1);
        RunBenchmark? benchmark = null;
        if (request.Repeat > 0)
        {
            var clock = Stopwatch.StartNew();
            long total = 0;
            for (int r = 0; r < request.Repeat; r++)
                foreach (var v in vectors) total += model.Run(v).Macs.Sum();
            benchmark = new RunBenchmark(request.Repeat, vectors.Length, total, clock.Elapsed.TotalSeconds);
        }
        var reference = request.ReferencePath is { } czPath
            ? CompareWithReference(CzReader.ReadFor(czPath, image.Config), image, czPath, vectors, results)
            : null;
        if (request.OutputPath is { } outPath)
        {
            bool batch = vectors.Length > 1 || ActivationInput.IsBatch(request.InputPath);
            var array = OutputArray.From(results.Select(r => r.Output).ToArray(), request.Raw, frac, batch);
            try { NpyWriter.WriteFile(outPath, array); }
            catch (IOException e) { throw new EiecException($"{outPath}: cannot write outputs: {e.Message}"); }
        }
        return new RunResult(image, vectors, inputSaturations, results, reference, benchmark);
    }

    /// <summary>
    /// Simulates an image read from disk cycle by cycle on every input vector (or the seeded default
    /// one); writes the JSON report and the outputs, both or neither. Every option and output path is
    /// checked before anything is simulated. With a plot path, also the per-PE timeline (PNG), with an
    /// energy plot path the energy-by-unit plot (PNG).
    /// </summary>
    /// <param name="request">Image, input, options and output paths.</param>
    /// <param name="onProgress">Sees the vectors simulated so far and the batch size (from worker threads).</param>
    public static SimulateResult Simulate(SimulateRequest request, Action<int, int>? onProgress = null)
    {
        int k = request.Repeat;
        if (k < 0) throw new EiecException($"--repeat {k}: must be ≥ 0");
        Jobs.Check(request.Jobs);
        string? jsonPath = request.JsonPath, outputPath = request.OutputPath, plotPath = request.PlotPath,
            energyPlotPath = request.EnergyPlotPath;
        foreach (var (path, option) in new[]
                 {
                     (jsonPath, "--json"), (outputPath, "--output"), (plotPath, "--plot"),
                     (energyPlotPath, "--energy-plot"),
                 })
        {
            OutputPaths.NotInImage(path, option, request.ImageDir, AtomicDirectory.IsImageEntry);
            OutputPaths.NotAnInput(path, option, request.InputPath, "the input");
            OutputPaths.NotAnInput(path, option, request.EnergyTablePath, "the energy table");
        }
        if (jsonPath is not null) AtomicFile.CheckWritable(jsonPath, "simulation report");
        if (outputPath is not null) AtomicFile.CheckWritable(outputPath, "outputs");
        if (plotPath is not null) AtomicFile.CheckWritable(plotPath, "timeline plot");
        if (energyPlotPath is not null) AtomicFile.CheckWritable(energyPlotPath, "energy plot");
        var named = new[]
            {
                ("--json", jsonPath), ("--output", outputPath), ("--plot", plotPath), ("--energy-plot", energyPlotPath),
            }
            .Where(p => p.Item2 is not null).ToList();
        for (int i = 0; i < named.Count; i++)
            for (int j = i + 1; j < named.Count; j++)
                if (Path.GetFullPath(named[i].Item2!) == Path.GetFullPath(named[j].Item2!))
                    throw new EiecException(
                        $"{named[i].Item1} {named[i].Item2} and {named[j].Item1} {named[j].Item2}: " +
                        "the same file; give each its own");
        var table = request.EnergyTablePath is { } tablePath ? EnergyTable.Load(tablePath) : EnergyTable.Default();

        var clock = Stopwatch.StartNew();
        var simulator = Simulator.Load(request.ImageDir, request.Options);
        double loadMs = clock.Elapsed.TotalMilliseconds;
        int inputs = simulator.Image.Layers[0].Inputs;
        var vectors = request.InputPath is { } inputPath
            ? SimInput.Read(inputPath, inputs, simulator.ActivationFracBits,
                simulator.Image.Manifest.InputNormalization)
            : SimInput.Default(inputs, simulator.ActivationFracBits);

        clock.Restart();
        int total = vectors.Vectors.Count;
        var batch = simulator.RunBatch(vectors.Vectors, request.Jobs,
            onProgress is null ? null : done => onProgress(done, total));
        double simMs = clock.Elapsed.TotalMilliseconds;
        var energy = EnergyReport.Compute(batch.Stats, table);
        var manifest = simulator.Image.Manifest;

        // All outputs or none: staged beside their targets, renamed into place together.
        using (var staged = new StagedFiles())
        {
            if (jsonPath is not null)
            {
                var report = SimReportJson.Build(
                    batch.Stats, energy, request.ImageDir, manifest.Model, vectors.Description, vectors.Saturations);
                staged.AddText(jsonPath, "simulation report", SimReportJson.ToJson(report));
            }
            if (outputPath is not null)
            {
                var outputs = batch.Results.Select(r => r.Output).ToArray();
                var array = OutputArray.From(outputs, request.Raw, simulator.ActivationFracBits, vectors.Batch);
                staged.Add(outputPath, "outputs", stream => NpyWriter.Write(stream, array));
            }
            if (plotPath is not null)
            {
                byte[] png = TimelinePlot(simulator, vectors.Vectors[0], batch.Results[0].Stats.Cycles);
                staged.Add(plotPath, "timeline plot", stream => stream.Write(png));
            }
            if (energyPlotPath is not null)
            {
                byte[] png = SimEnergyPlot.Render(batch.Stats, energy, manifest.Model);
                staged.Add(energyPlotPath, "energy plot", stream => stream.Write(png));
            }
            staged.Commit();
        }

        var repeats = new List<SimTiming>();
        for (int r = 0; r < k; r++)
        {
            clock.Restart();
            var again = Simulator.Load(request.ImageDir, request.Options);
            double load = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            again.RunBatch(vectors.Vectors, request.Jobs);
            repeats.Add(new SimTiming(load, clock.Elapsed.TotalMilliseconds));
        }
        return new SimulateResult(manifest, vectors, batch, energy, loadMs, simMs, repeats);
    }

    /// <summary>
    /// The per-PE timeline of <paramref name="input"/> (the batch's first vector), simulated again by the
    /// same engine with the recorder on; its cycles must be the batch's first inference's.
    /// </summary>
    private static byte[] TimelinePlot(Simulator simulator, short[] input, long cycles)
    {
        var timeline = new PeTimeline(simulator.Config.Pes);
        var result = simulator.RunTimeline(input, timeline);
        if (result.Stats.Cycles != cycles || timeline.Cycles != cycles)
            throw new InvalidOperationException(
                $"timeline run took {timeline.Cycles} cycles, the simulation {cycles}");
        return SimTimelinePlot.Render(timeline, simulator.Image.Manifest.Model,
            simulator.Engine == SimEngine.Event ? "event" : "reference", simulator.Config.Pes,
            simulator.Config.ClockMhz);
    }

    /// <summary>
    /// Checks a sweep and loads what it needs: every configuration valid (an invalid value is an
    /// error naming it), the output directory writable, the energy table, model and input read.
    /// Nothing is compiled, simulated or written; <see cref="Sweep"/> runs the plan.
    /// </summary>
    public static SweepPlan PlanSweep(SweepRequest request)
    {
        Jobs.Check(request.Jobs);
        var configurations = SweepRunner.Configurations(
            request.BaseConfig, request.Pes, request.FifoDepths, request.Fields);
        SweepOutput.CheckDirectory(request.OutputDir);
        var table = request.EnergyTablePath is { } tablePath ? EnergyTable.Load(tablePath) : EnergyTable.Default();
        var cz = CzReader.ReadFor(request.ModelPath, configurations.Select(c => c.Config));
        int inputs = cz.Layers[0].Inputs;
        int frac = request.ActivationFracBits;
        short[] vector;
        string inputText;
        if (request.InputPath is { } inputPath)
        {
            vector = ActivationInput.Load(inputPath, inputs, frac, out _, cz.Input)[0];
            inputText = inputPath;
        }
        else
        {
            vector = DefaultInput.Create(inputs, frac, request.Density);
            string density = request.Density.ToString("0.###", CultureInfo.InvariantCulture);
            inputText = $"seeded random (seed {DefaultInput.Seed}, density {density})";
        }
        int combinations = request.Fields.Aggregate(1, (n, f) => n * f.Values.Count);
        int points = request.Pes.Count * request.FifoDepths.Count * combinations;
        return new SweepPlan(request, cz, vector, inputText, table, points);
    }

    /// <summary>
    /// Runs a planned sweep: compiles the model for every PE count and field combination, simulates
    /// the input at every queue depth, and writes sweep.csv, sweep.json and the PNG plots, all or none.
    /// A configuration the model does not fit is skipped (listed in the result's failures); when it
    /// fits none, the sweep is an error.
    /// </summary>
    /// <param name="plan">From <see cref="PlanSweep"/>.</param>
    /// <param name="step">Called as each point starts, with a one-line description (from worker threads, one call
    /// at a time).</param>
    public static SweepResult Sweep(SweepPlan plan, Action<string>? step = null)
    {
        var request = plan.Request;
        var rows = SweepRunner.Run(
            plan.Model, request.BaseConfig, request.Pes, request.FifoDepths, request.Fields, plan.Input,
            request.ActivationFracBits, plan.EnergyTable, Path.GetFileName(request.ModelPath), step ?? (_ => { }),
            request.Jobs);
        var failures = rows.Where(r => r.Error is not null).DistinctBy(r => (r.Pes, r.FieldKey)).ToList();
        if (rows.All(r => r.Error is not null))
        {
            var first = failures[0];
            string fields = first.FieldKey.Length > 0 ? ", " + first.FieldKey : "";
            throw new EiecException(
                $"{request.ModelPath}: no sweep point ran; " +
                $"the model fits none of the {failures.Count} configuration(s) " +
                $"(first: {first.Pes} PEs{fields}: {first.Error})");
        }
        var plots = SweepPlots.Render(rows, plan.Model.Name);
        string dir = request.OutputDir, csv = Path.Combine(dir, "sweep.csv");
        SweepOutput.WriteAll(dir, staged =>
        {
            staged.AddText(csv, "sweep table", SweepWriter.ToCsv(rows, request.Fields));
            var json = SweepWriter.ToJson(rows, plan.Model.Name, request.BaseConfig.ClockMhz);
            staged.AddText(Path.Combine(dir, "sweep.json"), "sweep report", json);
            foreach (var (name, png) in plots)
                staged.Add(Path.Combine(dir, name), "sweep plot", stream => stream.Write(png));
        });
        return new SweepResult(rows, failures, csv, plots.Select(p => p.Name).ToList());
    }

    /// <summary>
    /// Deep Compression of a dense model: magnitude pruning and k-means weight sharing, with masked
    /// retraining and centroid fine-tuning when training data is given. Writes the .cz and the report,
    /// both or neither; output paths are checked before the (possibly long) compression.
    /// </summary>
    /// <param name="request">Model, outputs, densities and retraining settings.</param>
    /// <param name="onEpoch">Sees each retraining epoch's figures (retraining only).</param>
    /// <param name="onProgress">Sees progress within retraining (retraining only).</param>
    public static CompressResult Compress(
        CompressRequest request, Action<EpochReport>? onEpoch = null, Action<TrainingProgress>? onProgress = null)
    {
        var clock = Stopwatch.StartNew();
        string modelPath = request.ModelPath, outPath = request.OutputPath;
        string? reportPath = request.ReportPath;
        OutputsNotInputs(request);
        AtomicFile.CheckWritable(outPath, "compressed model");
        if (reportPath is not null)
        {
            AtomicFile.CheckWritable(reportPath, "compression report");
            if (Path.GetFullPath(reportPath) == Path.GetFullPath(outPath))
                throw new EiecException(
                    $"--report {reportPath} and --output {outPath}: the same file; give each its own");
        }
        var dense = DenseModelLoader.Load(modelPath);
        if (request.Normalization is { } input) dense = dense with { Input = input };
        var loaded = clock.Elapsed;

        var options = CompressionOptionsFor(request, dense);

        CompressionResult result;
        if (request.DataPath is { } dataPath)
        {
            var all = DatasetLoader.Load(dataPath);
            var splits = new DatasetSplits(all.Train.Take(request.Limit), all.Test.Take(request.TestLimit));
            result = RetrainingCompressor.Compress(
                dense, options, request.Retrain, splits.Train, splits.Test, modelPath, onEpoch, onProgress);
        }
        else result = DeepCompressor.Compress(dense, options, modelPath);
        var compressed = clock.Elapsed;

        var bytes = CzWriter.ToBytes(result.Model, outPath); // validates first
        using (var staged = new StagedFiles()) // both files or neither
        {
            staged.Add(outPath, "compressed model", stream => stream.Write(bytes));
            if (reportPath is not null) staged.AddText(reportPath, "compression report", result.Report.ToMarkdown());
            staged.Commit();
        }
        var written = clock.Elapsed;
        return new CompressResult(result.Report, loaded, compressed - loaded, written - compressed);
    }

    /// <summary>
    /// Pruning alone (no weight sharing): the dense model with its pruned weights at 0, written as .npz
    /// with the optional density report (Markdown), both or neither; masked retraining when training
    /// data is given. Output paths are checked before the model is loaded.
    /// </summary>
    /// <param name="request">Model, outputs, densities and retraining settings (codebook bits unused).</param>
    /// <param name="scope">Runs the retraining with its progress callbacks (retraining only); null runs it
    /// unobserved.</param>
    public static PruneOnlyResult PruneOnly(
        CompressRequest request, TrainingScope<(DenseModel Model, IReadOnlyList<string> Notes)>? scope = null)
    {
        OutputsNotInputs(request);
        AtomicFile.CheckWritable(request.OutputPath, "pruned dense model");
        if (request.ReportPath is { } rp) AtomicFile.CheckWritable(rp, "pruning report");
        var (dense, options, splits) = LoadForCompression(request);
        DenseModel pruned;
        IReadOnlyList<string> notes = [];
        if (splits is not null)
            (pruned, notes) = (scope ?? Unobserved)((onEpoch, onProgress) => RetrainingCompressor.PruneAndRetrain(
                dense, options, request.Retrain, splits.Train, splits.Test, request.ModelPath, onEpoch, onProgress));
        else pruned = DeepCompressor.PruneOnly(dense, options, request.ModelPath);
        var report = PrunedModelReport.ToMarkdown(pruned, notes);
        using (var staged = new StagedFiles())
        {
            staged.Add(request.OutputPath, "pruned dense model", stream => DenseNpzWriter.Write(pruned, stream));
            if (request.ReportPath is { } reportPath) staged.AddText(reportPath, "pruning report", report);
            staged.Commit();
        }
        long kept = pruned.Layers.Sum(l => l.Weight.LongCount(w => w != 0)),
            total = pruned.Layers.Sum(l => l.WeightCount);
        return new PruneOnlyResult(pruned, kept, total);
    }

    /// <summary>
    /// Compresses the model once per density (retraining on the request's data), scores each point in
    /// float and through the fixed-point golden model (default accelerator, Q7.8) on the same test
    /// examples, and writes sweep.csv, accuracy_vs_density.png, accuracy_vs_ratio.png (with the curves of
    /// any earlier sweep.csv files) and each point's .cz into the output directory, all or none.
    /// </summary>
    /// <param name="request">The compression settings, densities, label and curves to compare with.</param>
    /// <param name="scope">Runs each point's retraining with its progress callbacks; null runs it
    /// unobserved.</param>
    /// <param name="onPoint">Sees each point's row as soon as it is scored (on the calling thread).</param>
    public static CompressSweepResult CompressSweep(
        CompressSweepRequest request, TrainingScope<CompressionResult>? scope = null,
        Action<CompressionSweepRow>? onPoint = null)
    {
        var compress = request.Compress;
        OutputsNotInputs(compress);
        var (dense, options, splits) = LoadForCompression(compress);
        if (splits is null)
            throw new EiecException("--sweep without --data: each point is scored on test data; give --data");
        string label = request.Label ?? SweepLabel(options, compress.Retrain);
        if (options.LayerDensities.Count > 0)
            throw new EiecException("--sweep with per-layer densities (--config): a sweep sets one density for the "
                + "model; drop --config");
        var previous = request.Compare.SelectMany(CompressSweepCsv.Read).ToList();
        var rows = new List<CompressionSweepRow>();
        var files = new List<(string Name, byte[] Bytes)>();
        foreach (var density in request.Densities)
        {
            var o = options with { Density = density };
            var result = (scope ?? Unobserved)((onEpoch, onProgress) => RetrainingCompressor.Compress(
                dense, o, compress.Retrain, splits.Train, splits.Test, compress.ModelPath, onEpoch, onProgress));
            string name = string.Create(CultureInfo.InvariantCulture, $"density_{density * 100:0.###}pct.cz");
            files.Add((name, CzWriter.ToBytes(result.Model, name)));
            var image = ImageCompiler.Compile(result.Model, new AccelConfig(), ImageCompiler.DefaultActivationFracBits,
                name, ImageCompiler.DefaultBalance);
            var normalized = splits.Test.Normalized(result.Model.Input);
            var floatRow = ModelEvaluator.CompressedFloat(result.Model, normalized);
            var golden = ModelEvaluator.Golden(image, normalized);
            var r = result.Report;
            var row = new CompressionSweepRow(label, density, r.Kept, r.Weights, r.Ratio, r.RatioHuffman,
                floatRow.Accuracy, golden.Accuracy, normalized.Count);
            rows.Add(row);
            onPoint?.Invoke(row);
        }
        var all = previous.Concat(rows).ToList();
        string title = $"{dense.Name}: top-1 vs " + "{0}" + " (with retraining)";
        string dir = compress.OutputPath, csv = Path.Combine(dir, "sweep.csv");
        string[] plots = ["accuracy_vs_density.png", "accuracy_vs_ratio.png"];
        Directory.CreateDirectory(dir);
        using (var staged = new StagedFiles())
        {
            staged.AddText(csv, "sweep table", CompressSweepCsv.ToCsv(rows));
            var byDensity = CompressPlots.Curve(all, string.Format(CultureInfo.InvariantCulture, title, "density"),
                byRatio: false);
            var byRatio = CompressPlots.Curve(all, string.Format(CultureInfo.InvariantCulture, title,
                "compression ratio"), byRatio: true);
            staged.Add(Path.Combine(dir, plots[0]), "plot", s => s.Write(byDensity));
            staged.Add(Path.Combine(dir, plots[1]), "plot", s => s.Write(byRatio));
            foreach (var (name, bytes) in files)
                staged.Add(Path.Combine(dir, name), "compressed model", s => s.Write(bytes));
            staged.Commit();
        }
        return new CompressSweepResult(rows, csv, plots, files.Select(f => f.Name).ToList());
    }

    /// <summary>
    /// Pruning sensitivity (Deep Compression Fig. 6): each layer pruned alone to each density, no
    /// retraining, scored on the test data; writes sensitivity.csv and sensitivity.png, both or neither.
    /// </summary>
    /// <param name="request">Model, data, output directory, densities and example limit.</param>
    /// <param name="onRow">Sees each layer and density's row as soon as it is scored.</param>
    public static SensitivityResult Sensitivity(SensitivityRequest request, Action<SensitivityRow>? onRow = null)
    {
        string dir = request.OutputDir;
        var dense = DenseModelLoader.Load(request.ModelPath);
        var test = DatasetLoader.Load(request.DataPath).Test.Take(request.Limit).Normalized(dense.Input);
        var rows = SensitivityAnalysis.Run(dense, test, request.Densities, onRow ?? (_ => { }));
        var png = CompressPlots.Sensitivity(rows, dense.Name);
        string csv = Path.Combine(dir, "sensitivity.csv"), plot = Path.Combine(dir, "sensitivity.png");
        Directory.CreateDirectory(dir);
        using (var staged = new StagedFiles())
        {
            staged.AddText(csv, "sensitivity table", SensitivityAnalysis.ToCsv(rows));
            staged.Add(plot, "sensitivity plot", s => s.Write(png));
            staged.Commit();
        }
        return new SensitivityResult(rows, csv, plot, test.Count);
    }

    /// <summary>
    /// Writes a .cz back as a dense float32 model, the codebook value at each kept position and 0
    /// elsewhere: ONNX (Gemm + Relu, opset 13) or .npz (fcK.weight/fcK.bias), chosen by the output's
    /// extension, written atomically. The format and output path are checked before the model is read.
    /// </summary>
    /// <param name="modelPath">Compressed model (.cz).</param>
    /// <param name="outputPath">Dense model to write: .onnx or .npz.</param>
    public static ExportResult Export(string modelPath, string outputPath)
    {
        string ext = Path.GetExtension(outputPath).ToLowerInvariant();
        if (ext is not (".onnx" or ".npz"))
            throw new EiecException($"--output {outputPath}: unknown format '{ext}'; eiec exports .onnx or .npz");
        AtomicFile.CheckWritable(outputPath, "exported model");
        var dense = CzExpander.ToDense(CzReader.Read(modelPath));
        var names = dense.Layers.Select(l => l.Name).ToList();
        if (ext == ".npz" && !names.SequenceEqual(names.Order(NaturalComparer.Instance)))
            throw new EiecException($"{modelPath}: layers {string.Join(", ", names)} would load back in another "
                + "order from an .npz (it orders layers by name); export to .onnx instead, which keeps the order");
        if (ext == ".onnx")
        {
            var bytes = OnnxDenseExporter.ToBytes(dense);
            AtomicFile.Write(outputPath, "exported model", stream => stream.Write(bytes));
        }
        else DenseNpzWriter.Write(dense, outputPath);
        long kept = dense.Layers.Sum(l => l.Weight.LongCount(w => w != 0)),
            total = dense.Layers.Sum(l => l.WeightCount);
        return new ExportResult(dense.Layers.Count, kept, total);
    }

    /// <summary>Refuses an output (-o or --report) of a compression that names one of its inputs: writing it
    /// would destroy the dense model, the training data or the prune config.</summary>
    private static void OutputsNotInputs(CompressRequest request)
    {
        foreach (var (path, option) in new[] { (request.OutputPath, "--output"), (request.ReportPath, "--report") })
        {
            OutputPaths.NotAnInput(path, option, request.ModelPath, "the dense model");
            OutputPaths.NotAnInput(path, option, request.DataPath, "the training data");
            OutputPaths.NotAnInput(path, option, request.PruneConfigPath, "the prune config");
        }
    }

    /// <summary>
    /// The pruning and sharing options of a compress request: one density for every layer, or a prune.yaml
    /// (per-layer densities), never both.
    /// </summary>
    private static CompressionOptions CompressionOptionsFor(CompressRequest request, DenseModel dense)
    {
        var options = new CompressionOptions { CodebookBits = request.CodebookBits, Scope = request.Scope };
        if (request.Density is { } d)
        {
            if (request.PruneConfigPath is not null)
                throw new EiecException(
                    "--density and --config both given; put the default density in the config file (density: …)");
            options = options with { Density = d };
        }
        if (request.PruneConfigPath is { } configPath)
            options = PruneConfig.Load(configPath).Apply(options, dense.Layers.Select(l => l.Name), configPath);
        return options;
    }

    /// <summary>The dense model (with the request's normalization), the pruning options and the data
    /// splits (null without data) that pruning alone and the compression sweep start from.</summary>
    private static (DenseModel Dense, CompressionOptions Options, DatasetSplits? Splits) LoadForCompression(
        CompressRequest request)
    {
        var dense = DenseModelLoader.Load(request.ModelPath);
        if (request.Normalization is { } input) dense = dense with { Input = input };
        var options = CompressionOptionsFor(request, dense);
        DatasetSplits? splits = null;
        if (request.DataPath is { } dataPath)
        {
            var all = DatasetLoader.Load(dataPath);
            splits = new DatasetSplits(all.Train.Take(request.Limit), all.Test.Take(request.TestLimit));
        }
        return (dense, options, splits);
    }

    private static string SweepLabel(CompressionOptions options, RetrainOptions retrain) =>
        (options.Scope == PruneScope.Global ? "global" : "per layer") + (retrain.PruneSteps > 1
            ? $", {retrain.PruneSteps} steps" : ", one-shot");

    private static T Unobserved<T>(Func<Action<EpochReport>, Action<TrainingProgress>, T> work) =>
        work(_ => { }, _ => { });

    /// <summary>
    /// Trains a dense FC+ReLU network (softmax cross-entropy) from scratch, seeded, and writes its
    /// .npz (PyTorch naming). The output path is checked before the data is loaded.
    /// </summary>
    /// <param name="request">Data, output, layer sizes and training settings.</param>
    /// <param name="onEpoch">Sees each epoch's figures.</param>
    /// <param name="onProgress">Sees progress within an epoch.</param>
    public static TrainResult Train(
        TrainRequest request, Action<EpochReport>? onEpoch = null, Action<TrainingProgress>? onProgress = null)
    {
        var clock = Stopwatch.StartNew();
        OutputPaths.NotAnInput(request.OutputPath, "--output", request.DataPath, "the training data");
        AtomicFile.CheckWritable(request.OutputPath, "dense model");
        var raw = DatasetLoader.Load(request.DataPath);
        var splits = new DatasetSplits(raw.Train.Normalized(request.Normalization),
            raw.Test.Normalized(request.Normalization));
        var train = splits.Train.Take(request.Limit);
        var sizes = LayerSizes(request.Layers, train.Features);
        var net = Mlp.Create(Path.GetFileNameWithoutExtension(request.OutputPath), sizes, request.Options.Seed);
        MlpTrainer.Train(net, train, splits.Test, request.Options, "dense", onEpoch, onProgress);
        double accuracy = MlpTrainer.Evaluate(net, splits.Test);
        DenseNpzWriter.Write(net.ToDense() with { Input = request.Normalization }, request.OutputPath);
        return new TrainResult(sizes, train.Count, accuracy, splits.Test.Count, clock.Elapsed);
    }

    /// <summary>
    /// Layer sizes from "784,300,100,10": positive integers, at least two, the first equal to the
    /// data's <paramref name="features"/>.
    /// </summary>
    public static int[] LayerSizes(string text, int features)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = new int[parts.Length];
        for (int k = 0; k < parts.Length; k++)
            if (!int.TryParse(parts[k], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[k]) || sizes[k] <= 0)
                throw new EiecException($"--layers {text}: '{parts[k]}' is not a positive layer size");
        if (sizes.Length < 2) throw new EiecException($"--layers {text}: give at least the input and output sizes");
        if (sizes[0] != features)
            throw new EiecException(
                $"--layers {text}: the input size {sizes[0]} does not match the data's {features} features");
        return sizes;
    }

    /// <summary>CSC arrays are indexed by 32-bit integers (SciPy's default index type).</summary>
    private const double MaxNonZeros = int.MaxValue / 2;
    /// <summary>Largest --skew: beyond a CV of 10 a few rows hold everything and the layer is degenerate.</summary>
    private const double MaxSkew = 10;

    /// <summary>
    /// Seeded random compressed models with an input each: a custom MLP, or layers of a benchmark
    /// table (the EIE paper's Table III built in) with an input at the layer's activation density.
    /// Every value is checked before anything is written.
    /// </summary>
    public static IReadOnlyList<GeneratedModel> Generate(GenerateRequest request)
    {
        var outDir = request.OutputDir;
        if (File.Exists(outDir)) throw new EiecException($"{outDir}: output path is a file, not a directory");
        int s = request.Seed;
        if (!(request.Skew >= 0 && request.Skew <= MaxSkew))
            throw new EiecException($"--skew {request.Skew}: must be in [0, {MaxSkew}] (a coefficient of variation " +
                "of row and column densities; 0 = uniform)");
        var jobs = new List<(string Name, RandomModelSpec Spec, int Inputs, double InputDensity)>();
        if (request.Dims is { } d)
        {
            int[] widths;
            try { widths = d.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray(); }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new EiecException($"--dims '{d}': expected comma-separated integers like 784,300,10");
            }
            if (widths.Length < 2 || widths.Any(x => x < 1))
                throw new EiecException($"--dims '{d}': need at least two positive widths");
            double wd = request.Density, ad = request.InputDensity;
            if (!(wd > 0 && wd <= 1)) throw new EiecException($"--density {wd}: must be in (0, 1]");
            if (!(ad >= 0 && ad <= 1)) throw new EiecException($"--input-density {ad}: must be in [0, 1]");
            for (int l = 0; l + 1 < widths.Length; l++)
                if (wd * widths[l] * (double)widths[l + 1] > MaxNonZeros)
                    throw new EiecException(
                        $"--dims '{d}': layer {l + 1} ({widths[l]} × {widths[l + 1]} at density {wd}) " +
                        $"would keep more than {MaxNonZeros} weights");
            var spec = new RandomModelSpec
            {
                Dims = widths, WeightDensity = [wd], Seed = s, Bias = request.Bias, Skew = request.Skew,
                Name = $"mlp-{string.Join("-", widths)}",
            };
            jobs.Add((spec.Name, spec, widths[0], ad));
        }
        else
        {
            var rows = request.TablePath is { } t ? BenchmarkTable.Load(t) : BenchmarkTable.BuiltIn();
            var names = request.AllLayers ? rows.Select(r => r.Name).ToList() : request.Layers;
            if (names.Count == 0) throw new EiecException("nothing to generate: give --layer NAME, --all, or --dims");
            string known = string.Join(", ", rows.Select(r => r.Name));
            var chosen = names.Select(name =>
                rows.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new EiecException($"--layer '{name}': no such benchmark layer; known: {known}")).ToList();
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var row in chosen)
            {
                // The same limit as --dims: a table row is just as able to ask for billions of weights.
                if (row.WeightDensity * row.Inputs * (double)row.Outputs > MaxNonZeros)
                    throw new EiecException(
                        $"{request.TablePath ?? "built-in table"}: layer '{row.Name}' ({row.Inputs} × {row.Outputs} " +
                        $"at density {row.WeightDensity}) would keep more than {MaxNonZeros} weights");
                // Names come from the table file: they name output files, so they must stay inside -o.
                var file = SafeFileName.From(row.Name);
                if (!files.TryAdd(file, row.Name))
                    throw new EiecException($"{request.TablePath ?? "built-in table"}: layers '{files[file]}' and " +
                        $"'{row.Name}' would both be written as {file}.cz; give them distinct names");
                var spec = new RandomModelSpec
                {
                    Dims = [row.Inputs, row.Outputs], WeightDensity = [row.WeightDensity], Seed = s,
                    Bias = request.Bias, ReluOnLast = true, Name = row.Name, Skew = request.Skew,
                };
                jobs.Add((file, spec, row.Inputs, row.ActivationDensity));
            }
        }
        Directory.CreateDirectory(outDir);
        var written = new List<GeneratedModel>();
        foreach (var (name, spec, inputs, inputDensity) in jobs)
        {
            var model = RandomModel.Create(spec);
            var input = RandomModel.CreateInput(inputs, inputDensity, s + 1);
            var cz = SafeFileName.Inside(outDir, $"{name}.cz");
            var npy = SafeFileName.Inside(outDir, $"{name}.input.npy");
            CzWriter.Write(model, cz);
            NpyWriter.WriteFile(npy, NpyArray.FromFloat32(input));
            long nonZeros = model.Layers.Sum(l => l.NonZeros);
            written.Add(new GeneratedModel(cz, nonZeros, npy, input.Count(x => x != 0), input.Length));
        }
        return written;
    }

    /// <summary>
    /// Top-1 accuracy on a test split of the dense float model, the compressed model in float, the
    /// fixed-point golden model (on the given image or one compiled here) and the cycle simulator,
    /// whose every layer output is also checked against the golden model's, bit for bit.
    /// </summary>
    public static EvaluationResult Evaluate(EvaluateRequest request)
    {
        var raw = DatasetLoader.Load(request.DataPath).Test.Take(request.Limit);
        var denseModel = DenseModelLoader.Load(request.DenseModelPath);
        if (request.ModelPath is null)
        {
            if (request.ImageDir is not null)
                throw new EiecException("an image directory was given without a .cz model; give the .cz before it");
            return new EvaluationResult([ModelEvaluator.DenseFloat(denseModel, raw.Normalized(denseModel.Input))],
                raw.Labels, 0, null);
        }
        var image = request.ImageDir is { } dir ? ImageReader.Read(dir) : null;
        var model = CzReader.ReadFor(request.ModelPath, image?.Config ?? request.Config);
        var compiled = image
            ?? ImageCompiler.Compile(model, request.Config, request.ActivationFracBits, request.ModelPath,
                ImageCompiler.DefaultBalance);
        // Raw data is normalized as each model says (.npz input.mean/std, .cz input:, image.json input_normalization).
        var test = raw.Normalized(compiled.Manifest.InputNormalization);
        var rows = new List<AccuracyRow>
        {
            ModelEvaluator.DenseFloat(denseModel, raw.Normalized(denseModel.Input ?? model.Input)),
            ModelEvaluator.CompressedFloat(model, raw.Normalized(model.Input)),
            ModelEvaluator.Golden(compiled, test),
        };
        int simExamples = Math.Min(request.SimLimit ?? test.Count, test.Count);
        OutputDifference? difference = null;
        if (simExamples > 0)
        {
            var simulated = Simulated(compiled, test.Take(simExamples), simExamples < test.Count);
            rows.Add(simulated.Row);
            difference = simulated.FirstDifference;
        }
        return new EvaluationResult(rows, test.Labels, simExamples, difference);
    }

    /// <summary>
    /// Examples per <see cref="Simulator.RunBatch"/> call: one array is built and validated per chunk, not per example.
    /// </summary>
    private const int SimChunk = 64;

    /// <summary>
    /// The cycle simulator's accuracy row: the same quantized inputs as the golden row, run through
    /// <see cref="Simulator"/>, every layer output of every example compared with the golden model's
    /// (<see cref="OutputComparison"/>). Examples run in chunks of <see cref="SimChunk"/>, each chunk
    /// one <see cref="Simulator.RunBatch"/> on its own array (chunks in parallel); outputs do not
    /// depend on what ran before on an array.
    /// </summary>
    /// <param name="image">The compiled image.</param>
    /// <param name="test">The examples to run.</param>
    /// <param name="subset">Whether these are only the first examples of the split (named in the row).</param>
    public static SimulatedRow Simulated(CompiledImage image, Dataset test, bool subset)
    {
        var clock = Stopwatch.StartNew();
        // RunBatch builds its own array per call, so one instance serves every thread.
        var simulator = new Simulator(image);
        var golden = new GoldenModel(image);
        int frac = simulator.ActivationFracBits;
        var names = LayerNames(image);
        var differences = new OutputDifference?[test.Count];
        var predictions = new int[test.Count];
        string name = $"cycle simulator (Eiec.Sim, {image.Config.Pes} PEs)" +
                      (subset ? $", first {test.Count:N0} only" : "");
        if (test.Count > 0)
            Parallel.ForEach(Partitioner.Create(0, test.Count, SimChunk), range =>
            {
                var inputs = new List<short[]>(range.Item2 - range.Item1);
                for (int k = range.Item1; k < range.Item2; k++)
                    inputs.Add(ModelEvaluator.Quantize(test.Example(k), frac));
                var results = simulator.RunBatch(inputs, jobs: 1).Results; // the chunks are the parallelism
                for (int k = range.Item1; k < range.Item2; k++)
                {
                    var sim = results[k - range.Item1];
                    var expected = golden.Run(inputs[k - range.Item1]);
                    differences[k] = OutputComparison.First<short>(
                        $"example {k}", names, image.Config.Pes, expected.LayerOutputs, sim.LayerOutputs);
                    predictions[k] = ModelEvaluator.ArgMax(sim.Output);
                }
            });
        long correct = 0;
        for (int k = 0; k < test.Count; k++) if (predictions[k] == test.Labels[k]) correct++;
        var row = new AccuracyRow(name, predictions, test.Count == 0 ? 0 : (double)correct / test.Count, clock.Elapsed);
        return new SimulatedRow(row, differences.FirstOrDefault(m => m is not null));
    }

    /// <summary>
    /// Runs the golden model and the cycle simulator on the same inputs and compares every layer
    /// output of every run, bit for bit: the first difference names the run, layer, output index, PE,
    /// local row, expected (golden) and actual (simulator) values.
    /// </summary>
    /// <param name="image">The compiled image (read from disk).</param>
    /// <param name="inputs">Quantized input vectors.</param>
    /// <param name="options">Simulator options (queue depth, engine), or null for the image's.</param>
    public static CheckResult Check(CompiledImage image, IReadOnlyList<short[]> inputs, SimOptions? options = null)
    {
        var names = LayerNames(image);
        var simulated = new Simulator(image, options).RunBatch(inputs).Results;
        for (int r = 0; r < inputs.Count; r++)
        {
            var expected = GoldenModel.Run(image, inputs[r]);
            string? run = inputs.Count > 1 ? $"run {r}" : null;
            var difference = OutputComparison.First<short>(
                run, names, image.Config.Pes, expected.LayerOutputs, simulated[r].LayerOutputs);
            if (difference is not null) return new CheckResult(inputs.Count, difference);
        }
        return new CheckResult(inputs.Count, null);
    }

    private static string[] LayerNames(CompiledImage image) => image.Layers.Select(l => l.Name).ToArray();

    /// <summary>The float reference on the same quantized inputs; the largest difference in the last layer.</summary>
    private static ReferenceComparison CompareWithReference(
        CzModel model, CompiledImage image, string czPath, short[][] vectors, GoldenResult[] results)
    {
        if (model.Layers.Count != image.Layers.Count)
            throw new EiecException(
                $"{czPath}: the reference model has {model.Layers.Count} layers " +
                $"but the image has {image.Layers.Count}");
        for (int l = 0; l < model.Layers.Count; l++)
            if (model.Layers[l].Inputs != image.Layers[l].Inputs || model.Layers[l].Outputs != image.Layers[l].Outputs)
            {
                var (m, i) = (model.Layers[l], image.Layers[l]);
                throw new EiecException($"{czPath}: layer {l} ('{m.Name}') is {m.Inputs} → {m.Outputs} " +
                                        $"but the image's layer {l} is {i.Inputs} → {i.Outputs}");
            }
        int frac = image.Manifest.ActivationFracBits, last = image.Layers.Count - 1;
        OutputDifference? worst = null;
        for (int b = 0; b < vectors.Length; b++)
        {
            var expected = FloatReference.Run(model, FixedPointMath.ToReal(vectors[b], frac))[^1];
            var actual = FixedPointMath.ToReal(results[b].Output, frac);
            string? run = vectors.Length > 1 ? $"run {b}" : null;
            var largest = OutputComparison.Largest<double>(
                run, last, image.Layers[last].Name, image.Config.Pes, expected, actual);
            if (largest is not null && (worst is null || largest.Magnitude > worst.Magnitude)) worst = largest;
        }
        double magnitude = worst?.Magnitude ?? 0;
        return new ReferenceComparison(magnitude, magnitude * Math.Pow(2, frac), worst);
    }
}
