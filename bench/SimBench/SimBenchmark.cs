using System.Diagnostics;
using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Image;
using Eiec.FrontEnd.Gen;
using Eiec.Sim;

namespace Eiec.Bench;

/// <summary>The simulator benchmark (see Program.cs for usage).</summary>
public static class SimBenchmark
{
    public static int Run(string[] args, TextWriter output)
    {
        string layerName = Arg(args, "--layer") ?? "VGG-6";
        int repeat = int.Parse(Arg(args, "--repeat") ?? "5");
        var engine = Arg(args, "--engine") switch
        {
            null or "event" => SimEngine.Event,
            "reference" => SimEngine.Reference,
            var other => throw new EiecException($"--engine {other}: must be event or reference"),
        };
        string? configPath = Arg(args, "--config");
        var config = configPath is null ? LargeConfig() : AccelConfigLoader.Load(configPath);
        config = AccelConfigLoader.WithOverrides(
            config, pes: ParseOrNull(Arg(args, "--pes")), fifoDepth: ParseOrNull(Arg(args, "--fifo-depth")));
        var known = BenchmarkTable.BuiltIn();
        var layer = known.FirstOrDefault(l => l.Name.Equals(layerName, StringComparison.OrdinalIgnoreCase))
            ?? throw new EiecException(
                $"unknown layer '{layerName}'; known: {string.Join(", ", known.Select(l => l.Name))}");

        string? keep = Arg(args, "--image");
        string dir = keep ?? Path.Combine(Path.GetTempPath(), $"simbench-{Environment.ProcessId}");
        var clock = Stopwatch.StartNew();
        if (!File.Exists(Path.Combine(dir, ImageFiles.Manifest)))
        {
            var model = RandomModel.Create(new RandomModelSpec
            {
                Dims = [layer.Inputs, layer.Outputs], WeightDensity = [layer.WeightDensity], Seed = 1,
                Name = layer.Name,
            });
            var image = ImageCompiler.Compile(
                model, config, ImageCompiler.DefaultActivationFracBits, $"{layer.Name}.cz");
            AtomicDirectory.Produce(dir, d => ImageWriter.Write(image, d));
            output.WriteLine($"built {layer.Name} ({layer.Inputs}×{layer.Outputs}, " +
                             $"{layer.WeightDensity:P1} weights) for {config.Pes} PEs into {dir} " +
                             $"in {clock.Elapsed.TotalSeconds:F2} s");
        }
        var input = RandomModel.CreateInput(layer.Inputs, layer.ActivationDensity, seed: 2)
            .Select(v => FixedPointMath.Quantize(v, ImageCompiler.DefaultActivationFracBits, out _)).ToArray();

        var loads = new List<double>();
        var sims = new List<double>();
        var cpus = new List<double>();
        Eiec.Sim.Stats.SimStats? stats = null;
        for (int r = 0; r < repeat; r++)
        {
            clock.Restart();
            var image = ImageReader.Read(dir);
            double load = clock.Elapsed.TotalMilliseconds;
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            var options = new SimOptions { FifoDepth = config.FifoDepth, Engine = engine };
            var result = new Simulator(image, options).Run(input);
            double sim = clock.Elapsed.TotalMilliseconds;
            cpus.Add((System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            loads.Add(load);
            sims.Add(sim);
            stats = result.Stats;
            output.WriteLine($"run {r + 1}/{repeat}: load {load,8:F1} ms   simulate {sim,8:F1} ms " +
                             $"(CPU {cpus[^1],6:F1} ms)   total {load + sim,8:F1} ms");
        }
        output.WriteLine($"{layer.Name} at {config.Pes} PEs, queue depth {config.FifoDepth}, {engine} engine: " +
                         $"{stats!.Cycles} cycles ({stats.LatencyUs:F1} µs at {stats.ClockMhz} MHz), " +
                         $"load-balance efficiency {stats.LoadBalanceEfficiency:P1}, " +
                         $"{stats.IssuedEntries} entries issued ({stats.PaddingEntries} padding)");
        double peCyclesPerSecond = (double)stats.Cycles * stats.Pes / (sims.Min() / 1000);
        output.WriteLine($"best of {repeat}: load {loads.Min():F1} ms + simulate {sims.Min():F1} ms = " +
                         $"{loads.Min() + sims.Min():F1} ms ({peCyclesPerSecond / 1e6:F1} M PE-cycles/s; " +
                         $"simulate CPU time best {cpus.Min():F1} ms)");
        if (keep is null) Directory.Delete(dir, recursive: true);
        return 0;
    }

    /// <summary>bench/eie-large.yaml's accelerator: the paper's, with pointers widened so VGG-6 fits.</summary>
    private static AccelConfig LargeConfig() =>
        new AccelConfig { PointerBits = 20, PointerSramBytes = 65536 }.Validated();

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int? ParseOrNull(string? s) => s is null ? null : int.Parse(s);
}
