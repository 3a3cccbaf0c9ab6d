using Eiec.Compiler.Config;
using Eiec.Compiler.Cz;
using Eiec.Compiler.Golden;
using Eiec.Compiler.Image;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// The RTL cross-check: compile a model to an image on disk, run the generated RTL on it in Icarus,
/// and require every layer's outputs (from the write-back trace) and the output stream to equal the
/// golden model bit for bit. A failure names the first difference (run, layer, output index, PE,
/// local row, expected, actual) and the kept case directory (image, vvp.log, RTL, how to rerun).
/// </summary>
public static class RtlCheck
{
    public static RtlCaseResult AgainstGolden(string caseName, CzModel model, AccelConfig config, IReadOnlyList<short[]> inputs, int stall = 0, int actFrac = 8)
    {
        var dir = RtlWorkspace.NewDirectory(caseName, deleteAtExit: false);
        var imageDir = Path.Combine(dir, "image");
        RtlBench? bench = null;
        try
        {
            bench = RtlBench.For(config);
            var image = Images.CompileToDisk(model, config, imageDir, actFrac);
            var golden = inputs.Select(x => GoldenModel.Run(image, x)).ToArray();
            var rtl = bench.Run(imageDir, image, inputs, stall);
            var difference = FirstDifference(image, golden, rtl);
            if (difference is not null)
            {
                KeepRtl(bench, dir);
                throw new Xunit.Sdk.XunitException($"{caseName}: RTL differs from the golden model: {difference}.{Where(imageDir, inputs, stall)}");
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

    /// <summary>The first difference between the RTL and the golden model, or null when they agree.</summary>
    public static string? FirstDifference(CompiledImage image, GoldenResult[] golden, RtlRun rtl)
    {
        int pes = image.Config.Pes;
        for (int r = 0; r < golden.Length; r++)
        {
            string run = golden.Length > 1 ? $"run {r}, " : "";
            for (int l = 0; l < image.Layers.Count; l++)
            {
                var expected = golden[r].LayerOutputs[l];
                var actual = rtl.LayerOutputs[r][l];
                for (int i = 0; i < expected.Length; i++)
                    if (actual[i] != expected[i])
                        return $"{run}layer {l} ('{image.Layers[l].Name}'), output {i} (PE {i % pes}, local row {i / pes}): " +
                               $"expected {expected[i]}, actual {(actual[i] is { } a ? a.ToString() : "never written back")}";
            }
            var final = golden[r].Output;
            var stream = rtl.Outputs[r];
            for (int i = 0; i < Math.Min(final.Length, stream.Length); i++)
                if (stream[i] != final[i])
                    return $"{run}output stream element {i} (PE {i % pes}, local row {i / pes}): expected {final[i]}, actual {stream[i]}";
            if (stream.Length != final.Length)
                return $"{run}output stream has {stream.Length} elements, expected {final.Length}";
        }
        return null;
    }

    private static string Where(string imageDir, IReadOnlyList<short[]> inputs, int stall) =>
        $"\n  image: {imageDir} (vvp.log there)\n  rtl: {Path.Combine(Path.GetDirectoryName(imageDir)!, "rtl")}\n" +
        $"  rerun: iverilog -g2012 -DEIEC_TRACE -I rtl -o eie_tb.vvp <repo>/hosttest/tb/eie_tb.v rtl/*.v && cd image && " +
        $"vvp -n ../eie_tb.vvp +in=input.hex +in_words={inputs.Sum(x => x.Length)} +runs={inputs.Count} +stall={stall}";

    private static void KeepRtl(RtlBench bench, string caseDir)
    {
        try
        {
            var target = Directory.CreateDirectory(Path.Combine(caseDir, "rtl")).FullName;
            if (Directory.Exists(bench.RtlDirectory))
                foreach (var f in Directory.GetFiles(bench.RtlDirectory)) File.Copy(f, Path.Combine(target, Path.GetFileName(f)), overwrite: true);
        }
        catch (IOException) { }
    }
}
