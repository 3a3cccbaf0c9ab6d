using System.CommandLine;
using System.Globalization;
using Eiec.Contract.Diagnostics;
using Eiec.Sim;
using Eiec.Toolchain;
using Eiec.Toolchain.Simulate;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec sim out/ [--input x.npy] [--fifo-depth D] [--clock-mhz F] [--energy-table t.yaml]
/// [--json report.json] [--output y.npy] [--plot pes.png] [--energy-plot e.png] [--repeat K]`: cycle-accurate
/// simulation of a compiled
/// image (read from disk), with cycles, load balance, PE activity and energy tables.
/// </summary>
public static class SimCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "Compiled image directory (from eiec build)" };
        var input = new Option<string?>("--input", "-i")
        {
            Description = "Input .npy: 1-D vector or 2-D batch; float32/float64 (quantized at the image's activation " +
                          "fraction bits) or int16 (raw). " +
                          "Default: a seeded random vector (seed 1, 50% non-zero, values uniform in [-1, 1))",
        };
        var fifoDepth = new Option<int?>("--fifo-depth")
        {
            Description = "Activation-queue depth per PE, entries (default: the image's)",
        };
        var clockMhz = new Option<double?>("--clock-mhz")
        {
            Description = "Clock for latency, throughput and power, MHz (default: the image's)",
        };
        var energyTable = new Option<string?>("--energy-table")
        {
            Description = "Energy-per-action YAML (default: the built-in eie-45nm table; Energy/eie-45nm.yaml beside " +
                "eiec is a template)",
        };
        var json = new Option<string?>("--json")
        {
            Description = "Write the full report (summary, per layer, per PE, energy, every statistic with its unit) " +
                "as JSON",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the last layer's outputs to this .npy (float32 in real units; int16 raw with " +
                "--raw), as eiec run does",
        };
        var raw = new Option<bool>("--raw") { Description = "Write int16 fixed-point outputs instead of float32" };
        var perPe = new Option<bool>("--per-pe")
        {
            Description = "Also print every PE's busy/stalled/starved/drain cycles",
        };
        var plot = new Option<string?>("--plot")
        {
            Description = "Draw every PE's activity over time (busy, drain, starved, stalled, blocking the " +
                          "broadcast, write-back) for the first input vector as a PNG",
        };
        var energyPlot = new Option<string?>("--energy-plot")
        {
            Description = "Draw the energy per inference by unit (per cycle and per action) as a PNG",
        };
        var engine = new Option<string>("--engine")
        {
            Description = "SCAN engine, same results either way: event (event times, fast) or " +
                          "reference (every unit ticked every cycle, slow)",
            HelpName = "event|reference",
            DefaultValueFactory = _ => "event",
        };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Timing mode: load and simulate K more times and print wall times (for benchmarks)",
            DefaultValueFactory = _ => 0,
        };

        var jobs = JobsOption.Create("the batch");
        var command = new Command("sim", "Simulate a compiled image cycle by cycle: cycles, load balance, PE " +
            "activity, energy") { image };
        foreach (var o in new Option[] { input, fifoDepth, clockMhz, energyTable, json, output, plot, energyPlot, raw,
            perPe, engine, repeat, jobs })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var ui = new SimConsole(parse);
            string dir = parse.GetValue(image)!;
            string? jsonPath = parse.GetValue(json), outputPath = parse.GetValue(output),
                plotPath = parse.GetValue(plot), energyPlotPath = parse.GetValue(energyPlot);
            int k = parse.GetValue(repeat);
            var sim = BatchProgress.Run(parse, ui.Console, "simulated", onProgress => EiecToolchain.Simulate(
                new SimulateRequest
                {
                    ImageDir = dir, InputPath = parse.GetValue(input),
                    Options = new SimOptions
                    {
                        FifoDepth = parse.GetValue(fifoDepth), ClockMhz = parse.GetValue(clockMhz),
                        Engine = Engine(parse.GetValue(engine)!),
                    },
                    EnergyTablePath = parse.GetValue(energyTable), JsonPath = jsonPath, OutputPath = outputPath,
                    PlotPath = plotPath, EnergyPlotPath = energyPlotPath,
                    Raw = parse.GetValue(raw), Repeat = k, Jobs = parse.GetValue(jobs),
                }, onProgress));
            var stats = sim.Batch.Stats;
            var manifest = sim.Manifest;
            var vectors = sim.Input;

            ui.WriteLine($"eiec sim {dir}: model '{manifest.Model}', {manifest.Layers.Count} layer(s), {stats.Pes} " +
                         $"PEs, queue depth {stats.FifoDepth}, " +
                         $"clock {stats.ClockMhz.ToString("0.###", CultureInfo.InvariantCulture)} MHz");
            ui.WriteLine($"input: {vectors.Description}" +
                (vectors.Saturations > 0 ? $"; {vectors.Saturations} input value(s) saturated when quantized" : ""));
            ui.Write(stats, sim.Energy, parse.GetValue(perPe));
            var st = sim.Stream;
            // Two short lines: the console wraps long ones. Free-flowing streams, first input beat to last output beat.
            ui.WriteLine($"eie_axi_top latency: {st.LatencyCycles:N0} cycles ({st.LatencyUs:F3} µs) for one vector");
            ui.WriteLine($"eie_axi_top batch of {st.Vectors}: {st.BatchCycles:N0} cycles, " +
                $"{st.VectorsPerSecond:N0} vectors/s, {st.OverlapGain:F3}x one vector at a time");
            var results = sim.Batch.Results;
            ui.WriteLine($"write-back saturations: {results.Sum(r => r.Saturations.Sum()):N0} in {results.Count:N0} " +
                $"vector(s), {results[^1].Saturations.Sum():N0} in the last (eie_axi_top SAT_COUNT)");
            if (jsonPath is not null) ui.WriteLine($"report: {jsonPath}");
            if (outputPath is not null) ui.WriteLine($"outputs: {outputPath}");
            if (plotPath is not null) ui.WriteLine($"timeline plot: {plotPath}");
            if (energyPlotPath is not null) ui.WriteLine($"energy plot: {energyPlotPath}");

            ui.WriteLine($"wall time: load {sim.LoadMs:F1} ms, simulate {sim.SimulateMs:F1} ms " +
                $"({vectors.Vectors.Count} inference(s), first run includes JIT)");
            if (k > 0)
            {
                for (int r = 0; r < k; r++)
                {
                    var t = sim.Repeats[r];
                    ui.WriteLine($"repeat {r + 1}/{k}: load {t.LoadMs:F1} ms, simulate {t.SimulateMs:F1} ms, total " +
                        $"{t.TotalMs:F1} ms");
                }
                double load = sim.Repeats.Min(t => t.LoadMs), best = sim.Repeats.Min(t => t.SimulateMs);
                ui.WriteLine($"best of {k}: load {load:F1} ms + simulate {best:F1} ms = {load + best:F1} ms " +
                             $"({(double)stats.Cycles * stats.Pes / (best / 1000) / 1e6:F1} M PE-cycles/s)");
            }
            return 0;
        });
        return command;
    }

    private static SimEngine Engine(string name) => name switch
    {
        "event" => SimEngine.Event,
        "reference" => SimEngine.Reference,
        _ => throw new EiecException($"--engine {name}: must be event or reference"),
    };
}
