using Eiec.Compiler.Lowering;
using Eiec.Contract.Checking;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Image;
using Eiec.Golden;
using Eiec.Sim;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// The RTL cross-check: compile a model to an image on disk, run the generated RTL on it in Icarus,
/// and require (a) every layer's outputs (from the write-back trace) and the output stream to equal
/// the golden model bit for bit, and (b) the RTL's cycle counts (the `cycles` output per run, and
/// SCAN/WB cycles per layer from the trace) to equal the cycle simulator's. A failure names the
/// first difference (run, layer, output index, PE, local row, expected, actual; or the layer whose
/// cycles differ) and the kept case directory (image, vvp.log, RTL, how to rerun).
/// </summary>
public static class RtlCheck
{
    public static RtlCaseResult AgainstGolden(string caseName, CzModel model, AccelConfig config,
        IReadOnlyList<short[]> inputs, int stall = 0, int actFrac = 8,
        BalanceMode balance = ImageCompiler.DefaultBalance, Hdl.RtlOptions? rtlOptions = null)
    {
        var dir = RtlWorkspace.NewDirectory(caseName, deleteAtExit: false);
        var imageDir = Path.Combine(dir, "image");
        RtlBench? bench = null;
        try
        {
            var image = RtlImages.CompileToDisk(model, config, imageDir, actFrac, balance, rtlOptions);
            bench = RtlBench.For(imageDir, config);
            var golden = inputs.Select(x => GoldenModel.Run(image, x)).ToArray();
            var rtl = bench.Run(imageDir, image, inputs, stall);
            var difference = FirstDifference(image, golden, rtl);
            if (difference is not null)
            {
                KeepRtl(bench, dir);
                throw new Xunit.Sdk.XunitException(
                    $"{caseName}: RTL differs from the golden model: {difference}.{Where(imageDir, inputs, stall)}");
            }
            var simulated = new Simulator(image).RunBatch(inputs);
            var cycleDifference = FirstCycleDifference(image, simulated, rtl);
            if (cycleDifference is not null)
            {
                KeepRtl(bench, dir);
                throw new Xunit.Sdk.XunitException($"{caseName}: RTL cycles differ from the cycle simulator: " +
                    $"{cycleDifference}.{Where(imageDir, inputs, stall)}");
            }
            RtlWorkspace.TryDelete(dir);
            return new RtlCaseResult(image, golden, rtl);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            if (bench is not null) KeepRtl(bench, dir);
            throw new Xunit.Sdk.XunitException($"{caseName}: {e.Message}{Where(imageDir, inputs, stall)}");
        }
    }

    /// <summary>
    /// The first difference between the RTL and the golden model, or null when they agree: every
    /// layer's written-back outputs, then the output stream, described by <see cref="OutputComparison"/>.
    /// </summary>
    public static string? FirstDifference(CompiledImage image, GoldenResult[] golden, RtlRun rtl)
    {
        int pes = image.Config.Pes;
        for (int r = 0; r < golden.Length; r++)
        {
            string? run = golden.Length > 1 ? $"run {r}" : null;
            for (int l = 0; l < image.Layers.Count; l++)
            {
                var expected = golden[r].LayerOutputs[l];
                var rtlLayer = rtl.LayerOutputs[r][l];
                if (OutputComparison.FirstInLayer(run, l, image.Layers[l].Name, pes, expected, rtlLayer) is { } d)
                    return d.Describe();
            }
            var stream = OutputComparison.FirstInLayer<short>(
                run, OutputDifference.OutputStream, "", pes, golden[r].Output, rtl.Outputs[r]);
            if (stream is not null) return stream.Describe();
        }
        return null;
    }

    /// <summary>The first run/layer whose cycles differ between the RTL and the simulator, or null.</summary>
    public static string? FirstCycleDifference(CompiledImage image, BatchResult simulated, RtlRun rtl)
    {
        for (int r = 0; r < simulated.Results.Count; r++)
        {
            string run = simulated.Results.Count > 1 ? $"run {r}, " : "";
            var layers = simulated.Results[r].Stats.Layers;
            for (int l = 0; l < layers.Count; l++)
            {
                var rl = rtl.LayerCycles[r][l];
                if (rl is null)
                    return $"{run}layer {l} ('{image.Layers[l].Name}'): the RTL trace has no EIEC_LAYER line";
                if (rl.Scan != layers[l].ScanCycles || rl.WriteBack != layers[l].WbCycles)
                    return $"{run}layer {l} ('{image.Layers[l].Name}'): " +
                           $"simulator SCAN {layers[l].ScanCycles} + WB {layers[l].WbCycles} cycles, " +
                           $"RTL SCAN {rl.Scan} + WB {rl.WriteBack}";
            }
            long total = layers.Sum(x => x.Cycles);
            if (rtl.Cycles[r] != total)
                return $"{run}total cycles: simulator {total}, RTL `cycles` output {rtl.Cycles[r]}";
            var outputs = simulated.Results[r].Output;
            if (!outputs.AsSpan().SequenceEqual(rtl.Outputs[r]))
                return $"{run}the simulator's outputs differ from the RTL's (and so from the golden model)";
        }
        return null;
    }

    private static string Where(string imageDir, IReadOnlyList<short[]> inputs, int stall) =>
        $"\n  image: {imageDir} (vvp.log there)\n  rtl: {Path.Combine(imageDir, "rtl")}\n" +
        $"  rerun: cd image/rtl && iverilog -g2012 -DEIEC_TRACE -I . -o ../../eie_tb.vvp <repo>/hosttest/tb/eie_tb.v " +
        $"-c files.f && cd .. && " +
        $"vvp -n ../eie_tb.vvp +in=input.hex +in_words={inputs.Sum(x => x.Length)} +runs={inputs.Count} +stall={stall}";

    private static void KeepRtl(RtlBench bench, string caseDir)
    {
        try
        {
            var target = Directory.CreateDirectory(Path.Combine(caseDir, "rtl")).FullName;
            if (Directory.Exists(bench.RtlDirectory))
                foreach (var f in Directory.GetFiles(bench.RtlDirectory))
                    File.Copy(f, Path.Combine(target, Path.GetFileName(f)), overwrite: true);
        }
        catch (IOException) { }
    }
}
