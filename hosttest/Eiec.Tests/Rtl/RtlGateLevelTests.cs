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
/// Gate-level check (issue 10, `make gate-test`): the post-synthesis iCE40 netlist of the FPGA build
/// (examples/fpga/model.cz for examples/fpga/up5k.yaml, what `make fpga` puts on the UP5K) runs the
/// project's testbench under Icarus with Yosys's cell models. Its output stream must equal the golden
/// model and its cycles output the cycle simulator's, over back-to-back runs without a reset between
/// them (so state left by one inference must not change the next). Both multipliers (docs/rtl.md, "DSP
/// multiply"): the logic one synthesized to LUTs, and the DSP one with `synth_ice40 -dsp` as `make fpga` builds
/// the UP5K, where Yosys moves the product register into the SB_MAC16.
/// </summary>
public class RtlGateLevelTests
{
    [Theory]
    [InlineData(MultiplierKind.Logic)]
    [InlineData(MultiplierKind.Dsp)]
    public void Should_equal_the_golden_model_and_the_simulators_cycles_When_the_iCE40_netlist_runs(
        MultiplierKind multiplier)
    {
        var examples = Path.Combine(RepoPaths.Root, "examples", "fpga");
        var config = AccelConfigLoader.Load(Path.Combine(examples, "up5k.yaml"));
        var model = CzReader.Read(Path.Combine(examples, "model.cz"));
        int frac = ImageCompiler.DefaultActivationFracBits;
        var bundled = NpyReader.Read(Path.Combine(examples, "input.npy")).ToFloat32()
            .Select(v => FixedPointMath.Quantize(v, frac, out _)).ToArray();
        // The bundled vector, a dense signed one (every column broadcast) and an all-zero one.
        short[][] inputs = [bundled, RtlInputs.Dense(bundled.Length, seed: 11), RtlInputs.Zero(bundled.Length)];

        var dir = RtlWorkspace.NewDirectory($"gate-level-{multiplier}", deleteAtExit: false);
        var imageDir = Path.Combine(dir, "image");
        var image = RtlImages.CompileToDisk(model, config, imageDir, frac,
            rtlOptions: new RtlOptions { Multiplier = multiplier });
        var bench = RtlBench.GateLevel(imageDir, config, dsp: multiplier == MultiplierKind.Dsp);
        var gates = bench.Run(imageDir, image, inputs);
        var simulated = new Simulator(image).RunBatch(inputs);

        for (int r = 0; r < inputs.Length; r++)
        {
            var golden = GoldenModel.Run(image, inputs[r]);
            gates.Outputs[r].Should().Equal(golden.Output,
                $"run {r}: the netlist's output stream is the golden model's (image and netlist kept in {dir})");
            gates.Cycles[r].Should().Be(simulated.Results[r].Stats.Cycles,
                $"run {r}: the netlist's cycles output is the simulator's SCAN + WB cycles ({dir})");
        }
        gates.Cycles[2].Should().BeLessThan(gates.Cycles[1], "an all-zero input broadcasts nothing");
        RtlWorkspace.TryDelete(dir);
    }
}
