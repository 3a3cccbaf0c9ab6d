using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Image;
using Eiec.Contract.Npy;
using Eiec.Sim;
using Eiec.Sim.Energy;
using Eiec.Sim.Report;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec sim out/ [--input x.npy] [--fifo-depth D] [--clock-mhz F] [--energy-table t.yaml]
/// [--json report.json] [--output y.npy] [--repeat K]`: cycle-accurate simulation of a compiled
/// image (read from disk), with cycles, load balance, PE activity and energy tables.
/// </summary>
public static class SimCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "Compiled image directory (from eiec build)" };
        var input = new Option<string?>("--input", "-i")
        {
            Description = "Input .npy: 1-D vector or 2-D batch; float32/float64 (quantized at the image's activation fraction bits) or int16 (raw). " +
                          "Default: a seeded random vector (seed 1, 50% non-zero, values uniform in [-1, 1))",
        };
        var fifoDepth = new Option<int?>("--fifo-depth") { Description = "Activation-queue depth per PE, entries (default: the image's)" };
        var clockMhz = new Option<double?>("--clock-mhz") { Description = "Clock for latency, throughput and power, MHz (default: the image's)" };
        var energyTable = new Option<string?>("--energy-table") { Description = "Energy-per-action YAML (default: the built-in eie-45nm table; Energy/eie-45nm.yaml beside eiec is a template)" };
        var json = new Option<string?>("--json") { Description = "Write the full report (summary, per layer, per PE, energy, every statistic with its unit) as JSON" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the last layer's outputs to this .npy (float32 in real units; int16 raw with --raw), as eiec run does" };
        var raw = new Option<bool>("--raw") { Description = "Write int16 fixed-point outputs instead of float32" };
        var plot = new Option<string?>("--plot") { Description = "Draw the energy per inference by unit (per cycle and per action) as a PNG" };
        var perPe = new Option<bool>("--per-pe") { Description = "Also print every PE's busy/stalled/starved/drain cycles" };
        var repeat = new Option<int>("--repeat") { Description = "Timing mode: load and simulate K more times and print wall times (for benchmarks)", DefaultValueFactory = _ => 0 };

        var command = new Command("sim", "Simulate a compiled image cycle by cycle: cycles, load balance, PE activity, energy") { image };
        foreach (var o in new Option[] { input, fifoDepth, clockMhz, energyTable, json, output, plot, raw, perPe, repeat }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var ui = new SimConsole(parse);
            string dir = parse.GetValue(image)!;
            // Every option is checked before anything is simulated or written.
            int k = parse.GetValue(repeat);
            if (k < 0) throw new EiecException($"--repeat {k}: must be ≥ 0");
            string? jsonPath = parse.GetValue(json), outputPath = parse.GetValue(output), plotPath = parse.GetValue(plot);
            if (jsonPath is not null) AtomicFile.CheckWritable(jsonPath, "simulation report");
            if (outputPath is not null) AtomicFile.CheckWritable(outputPath, "outputs");
            if (plotPath is not null) AtomicFile.CheckWritable(plotPath, "energy plot");
            var named = new[] { ("--json", jsonPath), ("--output", outputPath), ("--plot", plotPath) }.Where(p => p.Item2 is not null).ToList();
            for (int i = 0; i < named.Count; i++)
                for (int j = i + 1; j < named.Count; j++)
                    if (Path.GetFullPath(named[i].Item2!) == Path.GetFullPath(named[j].Item2!))
                        throw new EiecException($"{named[i].Item1} {named[i].Item2} and {named[j].Item1} {named[j].Item2}: the same file; give each its own");
            var options = new SimOptions { FifoDepth = parse.GetValue(fifoDepth), ClockMhz = parse.GetValue(clockMhz) };
            var table = parse.GetValue(energyTable) is { } tablePath ? EnergyTable.Load(tablePath) : EnergyTable.Default();

            var clock = Stopwatch.StartNew();
            var simulator = Simulator.Load(dir, options);
            double loadMs = clock.Elapsed.TotalMilliseconds;
            int inputs = simulator.Image.Layers[0].Inputs;
            var vectors = parse.GetValue(input) is { } inputPath
                ? SimInput.Read(inputPath, inputs, simulator.ActivationFracBits)
                : SimInput.Default(inputs, simulator.ActivationFracBits);

            clock.Restart();
            var batch = simulator.RunBatch(vectors.Vectors);
            double simMs = clock.Elapsed.TotalMilliseconds;
            var stats = batch.Stats;
            var energy = EnergyReport.Compute(stats, table);
            var manifest = simulator.Image.Manifest;

            // All outputs or none: staged beside their targets, renamed into place together.
            using (var staged = new StagedFiles())
            {
                if (jsonPath is not null)
                {
                    var report = SimReportJson.Build(stats, energy, dir, manifest.Model, vectors.Description, vectors.Saturations);
                    staged.AddText(jsonPath, "simulation report", SimReportJson.ToJson(report));
                }
                if (outputPath is not null)
                {
                    var array = OutputArray.From(batch.Results.Select(r => r.Output).ToArray(), parse.GetValue(raw), simulator.ActivationFracBits, vectors.Batch);
                    staged.Add(outputPath, "outputs", stream => NpyWriter.Write(stream, array));
                }
                if (plotPath is not null)
                {
                    byte[] png = SimEnergyPlot.Render(stats, energy, manifest.Model);
                    staged.Add(plotPath, "energy plot", stream => stream.Write(png));
                }
                staged.Commit();
            }

            ui.WriteLine($"eiec sim {dir}: model '{manifest.Model}', {manifest.Layers.Count} layer(s), {stats.Pes} PEs, queue depth {stats.FifoDepth}, " +
                         $"clock {stats.ClockMhz.ToString("0.###", CultureInfo.InvariantCulture)} MHz");
            ui.WriteLine($"input: {vectors.Description}" + (vectors.Saturations > 0 ? $"; {vectors.Saturations} input value(s) saturated when quantized" : ""));
            ui.Write(stats, energy, parse.GetValue(perPe));
            if (jsonPath is not null) ui.WriteLine($"report: {jsonPath}");
            if (outputPath is not null) ui.WriteLine($"outputs: {outputPath}");
            if (plotPath is not null) ui.WriteLine($"energy plot: {plotPath}");

            ui.WriteLine($"wall time: load {loadMs:F1} ms, simulate {simMs:F1} ms ({vectors.Vectors.Count} inference(s), first run includes JIT)");
            if (k > 0)
            {
                var loads = new List<double>();
                var sims = new List<double>();
                for (int r = 0; r < k; r++)
                {
                    clock.Restart();
                    var again = Simulator.Load(dir, options);
                    loads.Add(clock.Elapsed.TotalMilliseconds);
                    clock.Restart();
                    again.RunBatch(vectors.Vectors);
                    sims.Add(clock.Elapsed.TotalMilliseconds);
                    ui.WriteLine($"repeat {r + 1}/{k}: load {loads[^1]:F1} ms, simulate {sims[^1]:F1} ms, total {loads[^1] + sims[^1]:F1} ms");
                }
                ui.WriteLine($"best of {k}: load {loads.Min():F1} ms + simulate {sims.Min():F1} ms = {loads.Min() + sims.Min():F1} ms " +
                             $"({(double)stats.Cycles * stats.Pes / (sims.Min() / 1000) / 1e6:F1} M PE-cycles/s)");
            }
            return 0;
        });
        return command;
    }
}
