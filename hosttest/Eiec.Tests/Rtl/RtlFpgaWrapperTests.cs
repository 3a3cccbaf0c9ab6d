using System.Globalization;
using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Npy;
using Eiec.Golden;
using Eiec.Hdl;
using Eiec.Sim;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// The iCE40 pin wrapper hdl/fpga/eie_fpga_top.v (what `make fpga` puts on the boards: byte streams,
/// load-bus frames, cycles byte port, synchronized reset) run by hdl/fpga/eie_fpga_tb.v under Icarus with
/// the image's rtl/. Its byte-stream output must equal the golden model and its cycle count, read through
/// cycles_sel/cycles_byte, the cycle simulator's. The image's mem/ sparse-matrix files are zeroed before
/// the run (the bench reads the words it frames from a copy), so the matrix reaches the PEs only through
/// the load-bus frames: a broken frame path leaves an all-zero matrix and the outputs differ.
/// </summary>
public class RtlFpgaWrapperTests
{
    [Theory]
    [InlineData("hx8k.yaml", MultiplierKind.Logic)]
    [InlineData("up5k.yaml", MultiplierKind.Dsp)]
    public void Should_equal_the_golden_model_and_the_simulators_cycles_When_the_pin_wrapper_runs(
        string target, MultiplierKind multiplier)
    {
        var iverilog = ExternalTool.Require("iverilog");
        ExternalTool.Require("vvp");
        var examples = Path.Combine(RepoPaths.Root, "examples", "fpga");
        var config = AccelConfigLoader.Load(Path.Combine(examples, target));
        var model = CzReader.Read(Path.Combine(examples, "model.cz"));
        int frac = ImageCompiler.DefaultActivationFracBits;
        var bundled = NpyReader.Read(Path.Combine(examples, "input.npy")).ToFloat32()
            .Select(v => FixedPointMath.Quantize(v, frac, out _)).ToArray();
        short[][] inputs = [bundled, RtlInputs.Dense(bundled.Length, seed: 13)];
        string[] names = ["bundled input", "dense random input"];

        var dir = RtlWorkspace.NewDirectory($"fpga-wrapper-{Path.GetFileNameWithoutExtension(target)}",
            deleteAtExit: false);
        var imageDir = Path.Combine(dir, "image");
        var image = RtlImages.CompileToDisk(model, config, imageDir, frac,
            rtlOptions: new RtlOptions { Multiplier = multiplier });
        HideSparseMatrix(imageDir);

        var rtl = Path.Combine(imageDir, "rtl");
        var hdl = Path.Combine(RepoPaths.Root, "hdl", "fpga");
        var compile = ExternalTool.Run(iverilog,
            ["-g2012", "-I", rtl, "-o", "fpga_tb.vvp", Path.Combine(hdl, "eie_fpga_tb.v"),
                .. RtlImages.Sources(rtl).Select(s => Path.Combine(rtl, s)), Path.Combine(hdl, "eie_fpga_top.v")],
            imageDir, TimeSpan.FromMinutes(2));
        compile.ExitCode.Should().Be(0, $"{target}: iverilog compiles the wrapper bench ({dir}):\n{compile.Tail()}");
        var simulated = new Simulator(image).RunBatch(inputs);

        for (int r = 0; r < inputs.Length; r++)
        {
            var file = $"input{r}.hex";
            File.WriteAllLines(Path.Combine(imageDir, file),
                inputs[r].Select(v => ((ushort)v).ToString("x4", CultureInfo.InvariantCulture)));
            var golden = GoldenModel.Run(image, inputs[r]).Output;
            var run = ExternalTool.Run("vvp", ["-n", "fpga_tb.vvp", $"+in={file}", $"+in_words={inputs[r].Length}",
                $"+out_words={golden.Length}", "+spm_dir=frames"], imageDir, TimeSpan.FromMinutes(2));
            var what = $"{target} ({multiplier} multiplier), run {r} ({names[r]})";
            File.WriteAllText(Path.Combine(imageDir, $"vvp{r}.log"), run.Output);
            (run.ExitCode == 0 && run.Output.Contains("EIEC_END", StringComparison.Ordinal)).Should().BeTrue(
                $"{what}: the wrapper bench finishes (exit {run.ExitCode}; kept in {dir}):\n{run.Tail()}");
            var (outputs, cycles) = Parse(run.Output);
            int first = Enumerable.Range(0, Math.Max(golden.Length, outputs.Count))
                .FirstOrDefault(i => i >= golden.Length || i >= outputs.Count || golden[i] != outputs[i], -1);
            first.Should().Be(-1, $"{what}: the wrapper's byte-stream output equals the golden model's, but " +
                $"index {first} differs: expected {At(golden, first)}, actual {At(outputs, first)} " +
                $"({outputs.Count} of {golden.Length} outputs; image and logs kept in {dir})");
            cycles.Should().Be(simulated.Results[r].Stats.Cycles,
                $"{what}: the cycles read through cycles_sel/cycles_byte are the simulator's (kept in {dir})");
        }
        RtlWorkspace.TryDelete(dir);
    }

    /// <summary>
    /// Moves every PE's sparse-matrix file to frames/ (where the bench reads the words it sends as frames)
    /// and leaves all-zero files of the same length in mem/, which the RTL's $readmemh initializes from.
    /// </summary>
    private static void HideSparseMatrix(string imageDir)
    {
        var mem = Path.Combine(imageDir, "mem");
        var frames = Path.Combine(imageDir, "frames");
        Directory.CreateDirectory(frames);
        var files = Directory.GetFiles(mem, "*spmat*");
        files.Should().NotBeEmpty($"the image in {imageDir} has sparse-matrix files");
        foreach (var f in files)
        {
            var lines = File.ReadAllLines(f);
            File.Copy(f, Path.Combine(frames, Path.GetFileName(f)));
            File.WriteAllLines(f, lines.Select(l => l.StartsWith("//", StringComparison.Ordinal) || l.Length == 0
                ? l : new string('0', l.Trim().Length)));
        }
    }

    private static string At(IReadOnlyList<short> values, int i) =>
        i >= 0 && i < values.Count ? values[i].ToString(CultureInfo.InvariantCulture) : "none";

    private static (List<short> Outputs, long Cycles) Parse(string log)
    {
        var outputs = new List<short>();
        long cycles = -1;
        foreach (var raw in log.Split('\n'))
        {
            var p = raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (p.Length >= 4 && p[0] == "EIEC_OUT")
                outputs.Add(checked((short)long.Parse(p[3], CultureInfo.InvariantCulture)));
            else if (p.Length >= 3 && p[0] == "EIEC_CYCLES")
                cycles = long.Parse(p[2], CultureInfo.InvariantCulture);
        }
        return (outputs, cycles);
    }
}
