using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Eiec.Contract.Config;
using Eiec.Contract.Image;
using Eiec.Hdl;

namespace Eiec.Tests.Rtl;

/// <summary>
/// The Icarus testbench (hosttest/tb) compiled with the rtl/ an image directory holds, listed by its
/// files.f, with the RTL trace on. The memories are read at run time from mem/ under the working
/// directory, so one compiled bench runs any image whose RTL is the same: benches are cached per
/// test process by the SHA-256 of the rtl/ directory's files, and a new RTL gets its own bench.
/// </summary>
public sealed class RtlBench
{
    private static readonly ConcurrentDictionary<string, Lazy<RtlBench>> Cache = new();

    public AccelConfig Config { get; }
    public string Directory { get; }
    /// <summary>The rtl/ directory the bench was compiled from (an image's; it may be gone by now).</summary>
    public string RtlDirectory { get; }
    public string VvpFile => Path.Combine(Directory, "eie_tb.vvp");

    private RtlBench(AccelConfig config, string directory, string rtlDirectory)
    {
        Config = config;
        Directory = directory;
        RtlDirectory = rtlDirectory;
    }

    /// <summary>The bench for the RTL in <paramref name="imageDir"/>/rtl, compiled on first use.</summary>
    public static RtlBench For(string imageDir, AccelConfig config)
    {
        var rtl = Path.GetFullPath(Path.Combine(imageDir, ImageFiles.RtlDir));
        var key = Digest(rtl);
        return Cache.GetOrAdd(key, _ => new Lazy<RtlBench>(
            () => Compile(config, rtl), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private static string Digest(string rtl)
    {
        if (!System.IO.Directory.Exists(rtl))
            throw new DirectoryNotFoundException($"{rtl}: the image has no rtl/ directory");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in System.IO.Directory.GetFiles(rtl).Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static RtlBench Compile(AccelConfig config, string rtl)
    {
        var dir = RtlWorkspace.NewDirectory($"bench-pes{config.Pes}-fifo{config.FifoDepth}", deleteAtExit: true);
        var bench = new RtlBench(config, dir, rtl);
        RtlImages.Sources(rtl); // fails with the file's name when files.f is missing
        // Run in the RTL directory: the paths in files.f are relative to it.
        var args = new List<string>
        {
            "-g2012", "-DEIEC_TRACE", "-I", ".", "-o", bench.VvpFile, RepoFiles.Testbench,
            "-c", VerilogGenerator.FileList,
        };
        var result = ExternalTool.Run("iverilog", args, rtl, TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0 || HasWarning(result.Output))
            throw new InvalidOperationException(
                $"iverilog failed on the RTL of {Describe(config)} (exit {result.ExitCode}) in {rtl}:\n" +
                result.Tail());
        return bench;
    }

    /// <summary>
    /// The bench for the post-synthesis iCE40 netlist of the RTL in <paramref name="imageDir"/>/rtl
    /// (issue 10, `make gate-test`): Yosys <c>synth_ice40</c> of eie_top, run in the image directory so
    /// that every <c>$readmemh</c> finds mem/ and the memories' contents become the netlist's RAM and
    /// LUT initial values, then <c>write_verilog</c>, compiled with Yosys's own iCE40 cell models
    /// (ice40/cells_sim.v) and the testbench. The netlist has no RTL trace, so a run gives the output
    /// stream and the cycles output only. Not cached: each call synthesizes. <paramref name="dsp"/>: with
    /// <c>-dsp</c>, multiplies in SB_MAC16 blocks (simulated by the same cell models), as `make fpga` on the UP5K.
    /// </summary>
    public static RtlBench GateLevel(string imageDir, AccelConfig config, bool dsp = false)
    {
        var dir = RtlWorkspace.NewDirectory($"gate-pes{config.Pes}-fifo{config.FifoDepth}", deleteAtExit: true);
        var rtl = Path.GetFullPath(Path.Combine(imageDir, ImageFiles.RtlDir));
        var bench = new RtlBench(config, dir, rtl);
        var netlist = Path.Combine(dir, "eie_top_ice40.v");
        var sources = string.Join(" ", RtlImages.Sources(rtl).Select(f => Path.Combine(ImageFiles.RtlDir, f)));
        // The cell library first, as blackboxes: an SPRAM build (spmat_memory: spram) instantiates SB_SPRAM256KA,
        // which hierarchy -check must know before synth_ice40 reads the library itself.
        var script = $"read_verilog -lib +/ice40/cells_sim.v; read_verilog -defer -I{ImageFiles.RtlDir} {sources}; " +
                     "hierarchy -check -top eie_top; " +
                     $"synth_ice40 -top eie_top{(dsp ? " -dsp" : "")}; write_verilog -noattr {netlist}";
        var synth = ExternalTool.Run("yosys", ["-q", "-l", Path.Combine(dir, "yosys.log"), "-p", script],
            imageDir, TimeSpan.FromMinutes(10));
        if (synth.ExitCode != 0 || !File.Exists(netlist))
            throw new InvalidOperationException(
                $"yosys synth_ice40 failed on the RTL of {Describe(config)} (exit {synth.ExitCode}) in {rtl}:\n" +
                synth.Tail());
        // A DSP netlist must hold the multiplies as SB_MAC16, or the check would not test the DSP form's mapping.
        if (dsp && !File.ReadAllText(netlist).Contains("SB_MAC16", StringComparison.Ordinal))
            throw new InvalidOperationException($"{netlist}: synth_ice40 -dsp mapped no multiply to an SB_MAC16");
        var cells = Path.Combine(YosysDataDir(), "ice40", "cells_sim.v");
        if (!File.Exists(cells))
            throw new FileNotFoundException(
                $"{cells}: Yosys's iCE40 simulation models are missing (apt-get install yosys)");
        // Icarus does not take the port default values cells_sim.v declares; the netlist connects every port.
        var compile = ExternalTool.Run("iverilog", ["-g2012", "-DNO_ICE40_DEFAULT_ASSIGNMENTS", "-I", rtl,
            "-o", bench.VvpFile, RepoFiles.Testbench, netlist, cells], dir, TimeSpan.FromMinutes(5));
        // The synthesized eie_top has no parameters: the bench's MEM_DIR override is the one expected warning.
        var warnings = compile.Output.Split('\n')
            .Where(l => HasWarning(l) && !l.Contains("parameter MEM_DIR not found", StringComparison.Ordinal));
        if (compile.ExitCode != 0 || warnings.Any())
            throw new InvalidOperationException(
                $"iverilog failed on the iCE40 netlist of {Describe(config)} (exit {compile.ExitCode}) in {dir}:\n" +
                compile.Tail());
        return bench;
    }

    /// <summary>
    /// Yosys's data directory: `yosys-config --datdir` when installed, else share/yosys beside bin/yosys.
    /// </summary>
    private static string YosysDataDir()
    {
        try
        {
            var config = ExternalTool.Run("yosys-config", ["--datdir"], Path.GetTempPath(), TimeSpan.FromSeconds(30));
            if (config.ExitCode == 0 && config.Output.Trim().Length > 0) return config.Output.Trim();
        }
        catch (InvalidOperationException) { } // yosys-config comes with yosys-dev only
        var yosys = new FileInfo(ExternalTool.Require("yosys"));
        var binary = yosys.LinkTarget is { } target ? Path.GetFullPath(target, yosys.DirectoryName!) : yosys.FullName;
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(binary)!, "..", "share", "yosys"));
    }

    private static bool HasWarning(string output) =>
        output.Contains("warning", StringComparison.OrdinalIgnoreCase)
        || output.Contains("error", StringComparison.OrdinalIgnoreCase);

    public static string Describe(AccelConfig c) => $"pes={c.Pes}, fifo_depth={c.FifoDepth}";

    /// <summary>
    /// Runs the bench on the image in <paramref name="imageDir"/>: resets once, then starts once per
    /// input vector (no reset in between). <paramref name="stall"/> non-zero adds pseudo-random gaps
    /// in in_valid and out_ready.
    /// </summary>
    public RtlRun Run(string imageDir, CompiledImage image, IReadOnlyList<short[]> inputs, int stall = 0)
    {
        if (image.Config != Config)
            throw new ArgumentException("the image was compiled for another configuration", nameof(image));
        var words = inputs.SelectMany(v => v).ToArray();
        File.WriteAllLines(Path.Combine(imageDir, "input.hex"),
            words.Select(v => ((ushort)v).ToString("x4", CultureInfo.InvariantCulture)));
        long timeout = CycleBound(image) * inputs.Count * (stall != 0 ? 3 : 1) + 10_000 + Config.ActivationDepth;
        var result = ExternalTool.Run("vvp", ["-n", VvpFile, "+in=input.hex", $"+in_words={words.Length}",
            $"+runs={inputs.Count}", $"+timeout={timeout}", $"+stall={stall}"], imageDir, TimeSpan.FromMinutes(5));
        var log = result.Output;
        if (result.ExitCode != 0 || !log.Contains("EIEC_END", StringComparison.Ordinal)
            || log.Contains("EIEC_ERROR", StringComparison.Ordinal) || HasWarning(log))
            throw new InvalidOperationException($"the RTL simulation failed (exit {result.ExitCode}) " +
                $"on image {imageDir} with {Describe(Config)}:\n{result.Tail()}");
        File.WriteAllText(Path.Combine(imageDir, "vvp.log"), log);
        return Parse(log, imageDir, image, inputs.Count, result.Elapsed);
    }

    /// <summary>A generous bound on SCAN + WB + LOAD + OUT cycles of one run, for the hang detector.</summary>
    private static long CycleBound(CompiledImage image)
    {
        long bound = 0;
        foreach (var l in image.Layers)
            bound += 4 * (l.EntriesPerPe.Sum() + (long)image.Config.Pes * l.Inputs + 2L * l.Groups + l.RowsPerPe + 100)
                + 4L * (l.Inputs + l.Outputs);
        return bound;
    }

    private static RtlRun Parse(string log, string imageDir, CompiledImage image, int runs, TimeSpan elapsed)
    {
        int pes = image.Config.Pes;
        var layers = image.Layers;
        var outputs = Enumerable.Range(0, runs).Select(_ => new List<short>()).ToArray();
        var cycles = new long[runs];
        var layerOutputs = Enumerable.Range(0, runs)
            .Select(_ => layers.Select(l => new short?[l.Outputs]).ToArray()).ToArray();
        var layerCycles = Enumerable.Range(0, runs).Select(_ => new RtlLayerCycles[layers.Count]).ToArray();
        int run = 0; // trace lines belong to the run whose EIEC_CYCLES line has not been seen yet
        foreach (var raw in log.Split('\n'))
        {
            var p = raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (p.Length == 0) continue;
            long N(int i) => long.Parse(p[i], CultureInfo.InvariantCulture);
            switch (p[0])
            {
                case "EIEC_OUT":
                    outputs[N(1)].Add(checked((short)N(3)));
                    break;
                case "EIEC_CYCLES":
                    cycles[N(1)] = N(2);
                    run = (int)N(1) + 1;
                    break;
                case "EIEC_WB":
                    {
                        int layer = (int)N(1), pe = (int)N(2), row = (int)N(3);
                        long index = (long)row * pes + pe;
                        if (run >= runs || layer >= layers.Count)
                            throw new InvalidOperationException(
                                $"unexpected trace line '{raw.Trim()}' (run {run}) in {imageDir}/vvp.log");
                        if (index < layers[layer].Outputs) layerOutputs[run][layer][index] = checked((short)N(4));
                        break;
                    }
                case "EIEC_LAYER":
                    if (run < runs) layerCycles[run][(int)N(1)] = new RtlLayerCycles(N(2), N(3));
                    break;
            }
        }
        return new RtlRun
        {
            ImageDir = imageDir, Outputs = outputs.Select(o => o.ToArray()).ToArray(), Cycles = cycles,
            LayerOutputs = layerOutputs, LayerCycles = layerCycles, Pes = pes, Elapsed = elapsed,
        };
    }
}
