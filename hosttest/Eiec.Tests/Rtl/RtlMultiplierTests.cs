using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Npy;
using Eiec.FrontEnd.Gen;
using Eiec.Hdl;
using Eiec.Hdl.Vendor;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// The arithmetic unit's two multipliers (docs/rtl.md, "DSP multiply"): four partial products in logic, or one
/// w * a for a DSP block. Both must equal the golden model bit for bit and the cycle simulator cycle for cycle
/// (the other RTL tests run the logic form, a plain build's); and the option must reach the generated header.
/// </summary>
public class RtlMultiplierTests
{
    private static readonly RtlOptions Dsp = new() { Multiplier = MultiplierKind.Dsp };

    [Fact]
    public void Should_equal_the_golden_model_and_the_simulator_When_the_FPGA_build_uses_the_DSP_multiply()
    {
        // What `make fpga` puts on the UP5K: examples/fpga/model.cz for up5k.yaml, with --multiplier dsp.
        var examples = Path.Combine(RepoPaths.Root, "examples", "fpga");
        var config = AccelConfigLoader.Load(Path.Combine(examples, "up5k.yaml"));
        var model = CzReader.Read(Path.Combine(examples, "model.cz"));
        int frac = ImageCompiler.DefaultActivationFracBits;
        var bundled = NpyReader.Read(Path.Combine(examples, "input.npy")).ToFloat32()
            .Select(v => FixedPointMath.Quantize(v, frac, out _)).ToArray();
        // Extreme activations too: the most negative one and the largest, where a sign error would show.
        var extremes = Enumerable.Range(0, bundled.Length)
            .Select(i => (short)(i % 3 == 0 ? short.MinValue : i % 3 == 1 ? short.MaxValue : -1)).ToArray();
        short[][] inputs = [bundled, RtlInputs.Dense(bundled.Length, seed: 5), extremes];

        var result = RtlCheck.AgainstGolden("dsp-up5k", model, config, inputs, actFrac: frac, rtlOptions: Dsp);

        result.Rtl.Cycles.Should().HaveCount(3).And.OnlyContain(c => c > 0);
    }

    [Theory]
    [InlineData(3, 16, 0)]
    [InlineData(5, 32, 3)]
    public void Should_equal_the_golden_model_and_the_simulator_When_a_random_model_uses_the_DSP_multiply(
        int pes, int wordBits, int stall)
    {
        var config = new AccelConfig
        {
            Pes = pes, FifoDepth = 4, WordBits = wordBits, CodeBits = 4, IndexBits = 4, PointerBits = 16,
            AccumulatorBits = 48, SpmatSramBytes = 8 * 1024, PointerSramBytes = 2 * 1024, ActivationSramBytes = 1024,
            BiasEntries = 256, MaxLayers = 3,
        }.Validated();
        var model = RandomModel.Create(new RandomModelSpec
        {
            Dims = [70, 90, 40, 15], WeightDensity = [0.15], Seed = pes * 11 + wordBits, Bias = true, CodebookSize = 16,
        });
        RtlCheck.AgainstGolden($"dsp-random-{pes}-{wordBits}", model, config, RtlInputs.Standard(70, pes),
            stall, rtlOptions: Dsp);
    }

    [Fact]
    public void Should_define_EIE_MUL_DSP_only_for_the_DSP_multiply_When_generating_the_header()
    {
        string Header(MultiplierKind m) => VerilogGenerator.Generate(Images.Small(2), "m", multiplier: m)
            .Single(f => f.Name == VerilogGenerator.ConfigHeader).Text;

        Header(MultiplierKind.Dsp).Should().Contain("`define EIE_MUL_DSP 1");
        Header(MultiplierKind.Logic).Should().NotContain("EIE_MUL_DSP");
        // The logic form's header is a plain generation's: nothing changes for builds that do not ask.
        Header(MultiplierKind.Logic).Should().Be(VerilogGenerator.Generate(Images.Small(2), "m")
            .Single(f => f.Name == VerilogGenerator.ConfigHeader).Text);
    }

    [Fact]
    public void Should_use_the_DSP_multiply_for_vendor_targets_and_logic_otherwise_When_no_multiplier_is_given()
    {
        new RtlOptions().EffectiveMultiplier.Should().Be(MultiplierKind.Logic);
        new RtlOptions { Targets = [VendorTarget.FuseSoc] }.EffectiveMultiplier.Should().Be(MultiplierKind.Logic);
        new RtlOptions { Targets = [VendorTarget.Vivado] }.EffectiveMultiplier.Should().Be(MultiplierKind.Dsp);
        new RtlOptions { Targets = [VendorTarget.Quartus, VendorTarget.FuseSoc] }.EffectiveMultiplier
            .Should().Be(MultiplierKind.Dsp);
        new RtlOptions { Targets = [VendorTarget.Vivado], Multiplier = MultiplierKind.Logic }.EffectiveMultiplier
            .Should().Be(MultiplierKind.Logic, "an explicit --multiplier wins over the target's default");
    }

    [Fact]
    public void Should_write_the_DSP_define_with_the_prefix_When_a_prefixed_build_asks_for_the_DSP_multiply()
    {
        var files = VerilogGenerator.Generate(Images.Small(2), "p", "cfgA_", multiplier: MultiplierKind.Dsp)
            .ToDictionary(f => f.Name, f => f.Text);

        files["cfgA_eie_config.vh"].Should().Contain("`define cfgA_EIE_MUL_DSP 1");
        files["cfgA_eie_arith.v"].Should().Contain("`ifdef cfgA_EIE_MUL_DSP").And.NotContain("`ifdef EIE_MUL_DSP");
    }
}
