using System.Globalization;
using Eiec.Contract.Config;
using Eiec.Contract.Image;
using Eiec.Golden;
using Eiec.Hdl;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// The C host driver (hdl/driver/eie_driver.c) compiled with Verilator's C++ model of eie_axi_top behind an
/// MMIO and stream shim (hosttest/tb/eie_driver_shim.cpp): two models loaded into one elaborated design from
/// their image.bin, vectors through both equal to the golden model bit for bit; damaged and foreign images
/// refused before anything is written (the loaded model still answers the same).
/// </summary>
public class RtlDriverTests
{
    [Fact]
    public void Should_load_two_models_and_refuse_bad_images_When_the_c_driver_runs_the_verilator_model()
    {
        var config = Images.Small(4);
        var dir = RtlWorkspace.NewDirectory("driver-pes4", deleteAtExit: true);
        var rtl = Path.Combine(dir, "rtl");
        Directory.CreateDirectory(rtl);
        foreach (var file in VerilogGenerator.Generate(config, "driver-test"))
            File.WriteAllText(Path.Combine(rtl, file.Name), file.Text);
        string driver = Path.Combine(AppContext.BaseDirectory, "driver");
        string shim = Path.Combine(AppContext.BaseDirectory, "tb", "eie_driver_shim.cpp");
        var build = ExternalTool.Run("verilator",
        [
            "--cc", "--exe", "--build", "-O1", "--x-assign", "fast", "--x-initial", "fast", "-DEIE_NO_MEM_INIT",
            "--top-module", "eie_axi_top", "-I.", "-f", VerilogGenerator.FileList, shim,
            Path.Combine(driver, "eie_driver.c"), "-CFLAGS", $"-I{driver} -I{rtl}", "--Mdir", "obj",
            "-o", "eie_driver_sim",
        ], rtl, TimeSpan.FromMinutes(10));
        build.ExitCode.Should().Be(0, build.Tail());

        var a = Images.CompileToDisk(Images.Random(31, [40, 30, 10], 0.3, bias: true), config,
            Path.Combine(dir, "a"));
        var b = Images.CompileToDisk(Images.Random(32, [27, 50, 19, 13], 0.25, bias: true), config,
            Path.Combine(dir, "b"));
        var xa = Inputs(1, 40, 3);
        var xb = Inputs(2, 27, 2);
        WriteRaw(Path.Combine(dir, "xa.bin"), xa);
        WriteRaw(Path.Combine(dir, "xb.bin"), xb);
        var good = File.ReadAllBytes(Path.Combine(dir, "b", "image.bin"));
        var corrupt = good.ToArray();
        corrupt[300] ^= 1;
        File.WriteAllBytes(Path.Combine(dir, "corrupt.bin"), corrupt);
        File.WriteAllBytes(Path.Combine(dir, "truncated.bin"), good[..^40]);
        Images.CompileToDisk(Images.Random(31, [40, 30, 10], 0.3), config with { FifoDepth = 4 },
            Path.Combine(dir, "other"));

        var run = ExternalTool.Run(Path.Combine(rtl, "obj", "eie_driver_sim"),
        [
            Path.Combine(dir, "a", "image.bin"), Path.Combine(dir, "xa.bin"), "3",
            Path.Combine(dir, "b", "image.bin"), Path.Combine(dir, "xb.bin"), "2",
            Path.Combine(dir, "corrupt.bin"), Path.Combine(dir, "truncated.bin"),
            Path.Combine(dir, "other", "image.bin"),
        ], dir, TimeSpan.FromMinutes(5));
        run.ExitCode.Should().Be(0, run.Tail());
        run.Stdout.Should().Contain("END");

        var outputs = run.Stdout.Split('\n').Where(l => l.StartsWith("OUT ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')).GroupBy(f => (f[1], int.Parse(f[2], CultureInfo.InvariantCulture)))
            .ToDictionary(g => g.Key, g => g.Select(f => short.Parse(f[4], CultureInfo.InvariantCulture)).ToArray());
        for (int v = 0; v < 3; v++) outputs[("A", v)].Should().Equal(GoldenModel.Run(a, xa[v]).Output, $"A {v}");
        for (int v = 0; v < 2; v++) outputs[("B", v)].Should().Equal(GoldenModel.Run(b, xb[v]).Output, $"B {v}");
        for (int k = 1; k <= 3; k++)
            outputs[($"B{k}", 0)].Should().Equal(GoldenModel.Run(b, xb[0]).Output, "the refused load wrote nothing");
        var refused = run.Stdout.Split('\n').Where(l => l.StartsWith("REFUSED ", StringComparison.Ordinal)).ToList();
        refused.Should().HaveCount(3);
        refused[0].Should().StartWith("REFUSED 1 image.bin: CRC mismatch");
        refused[1].Should().StartWith("REFUSED 1 image.bin: truncated: the header declares");
        refused[2].Should().StartWith(
            $"REFUSED 2 image.bin: built for configuration sha256:{ConfigHash.Of(config with { FifoDepth = 4 })}, " +
            $"but the device is sha256:{ConfigHash.Of(config)}");
        run.Stdout.Should().Contain("STATUS 8 0");
        // The counters of the last vector (B's first again) against the simulator and the golden model.
        var sim = new Eiec.Sim.Simulator(b).Run(xb[0]);
        var layers = sim.Stats.Layers.Select(l => l.ScanCycles + l.WbCycles).ToList();
        layers.Should().HaveCount(3);
        run.Stdout.Should().Contain($"COUNTERS {sim.Stats.Cycles} {GoldenModel.Run(b, xb[0]).Saturations.Sum()} " +
                                    string.Join(' ', layers));
    }

    private static short[][] Inputs(int seed, int length, int count)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, length).Select(_ => (short)rng.Next(-700, 700)).ToArray()).ToArray();
    }

    private static void WriteRaw(string path, short[][] vectors) =>
        File.WriteAllBytes(path, vectors.SelectMany(v => v.SelectMany(x => BitConverter.GetBytes(x))).ToArray());
}
