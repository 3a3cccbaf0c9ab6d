using Eiec.Contract.Config;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Image;
using Eiec.Golden;
using Eiec.Tests.Support;
using Eiec.Toolchain;
using Eiec.Toolchain.Run;
using Eiec.Toolchain.Simulate;

namespace Eiec.Tests.Toolchain;

/// <summary>
/// The library facade end to end on the bundled MLP example: build, run and simulate through
/// <see cref="EiecToolchain"/> only, each result compared with the golden model run directly here.
/// </summary>
public class FacadePipelineTests
{
    private static string Example(string name) => Path.Combine(RepoPaths.Root, "examples", "mlp", name);

    [Fact]
    public void Should_agree_with_the_golden_model_When_the_mlp_example_is_built_run_and_simulated_through_the_facade()
    {
        using var tmp = new TempDir();
        var config = AccelConfigLoader.Load(Path.Combine(RepoPaths.Root, "examples", "accel.yaml"));
        var outDir = tmp.File("out");

        // Given the example built through the facade
        var built = EiecToolchain.Build(Example("model.cz"), config, outDir);

        // Then the image, the report and the RTL are on disk, and the totals match the image
        File.Exists(Path.Combine(outDir, ImageFiles.ReportMarkdown)).Should().BeTrue();
        Directory.GetFiles(Path.Combine(outDir, ImageFiles.RtlDir), "*.v").Should().NotBeEmpty();
        var onDisk = ImageReader.Read(outDir);
        built.NonZeros.Should().Be(onDisk.Layers.Sum(l => l.NonZeros));
        built.Padding.Should().Be(onDisk.Layers.Sum(l => l.Padding));

        // The golden model run here, directly on the image read from disk, is the reference.
        int frac = onDisk.Manifest.ActivationFracBits;
        var inputs = ActivationInput.Load(Example("input.npy"), onDisk.Layers[0].Inputs, frac, out _);
        var expected = inputs.Select(x => GoldenModel.Run(onDisk, x)).ToArray();

        // When it is run and simulated through the facade, writing raw outputs
        var run = EiecToolchain.Run(new RunRequest
        {
            ImageDir = outDir, InputPath = Example("input.npy"), OutputPath = tmp.File("run.npy"), Raw = true,
            ReferencePath = Example("model.cz"),
        });
        var sim = EiecToolchain.Simulate(new SimulateRequest
        {
            ImageDir = outDir, InputPath = Example("input.npy"), OutputPath = tmp.File("sim.npy"), Raw = true,
            JsonPath = tmp.File("sim.json"),
        });

        // Then every layer output of both equals the golden model's, and both wrote the same bytes
        run.Results.Should().HaveCount(expected.Length);
        sim.Batch.Results.Should().HaveCount(expected.Length);
        for (int r = 0; r < expected.Length; r++)
            for (int l = 0; l < onDisk.Layers.Count; l++)
            {
                var want = expected[r].LayerOutputs[l];
                run.Results[r].LayerOutputs[l].Should().Equal(want, $"run {r}, layer {l}: golden via the facade");
                sim.Batch.Results[r].LayerOutputs[l].Should().Equal(want, $"run {r}, layer {l}: simulator");
            }
        File.ReadAllBytes(tmp.File("sim.npy")).Should().Equal(File.ReadAllBytes(tmp.File("run.npy")));
        File.Exists(tmp.File("sim.json")).Should().BeTrue();
        sim.Batch.Stats.Cycles.Should().BePositive();

        // And the float-reference comparison is the largest difference recomputed here, in the last layer
        var model = Eiec.Contract.Cz.CzReader.Read(Example("model.cz"));
        double largest = 0;
        for (int r = 0; r < inputs.Length; r++)
        {
            var reference = FloatReference.Run(model, FixedPointMath.ToReal(inputs[r], frac))[^1];
            var golden = FixedPointMath.ToReal(expected[r].Output, frac);
            for (int i = 0; i < reference.Length; i++) largest = Math.Max(largest, Math.Abs(reference[i] - golden[i]));
        }
        run.Reference.Should().NotBeNull();
        run.Reference!.Largest.Should().Be(largest);
        run.Reference.LargestLsb.Should().Be(largest * (1 << frac));
        if (largest > 0) run.Reference.Where!.Layer.Should().Be(onDisk.Layers.Count - 1);

        // And the facade's own cross-check agrees
        var check = EiecToolchain.Check(onDisk, inputs);
        check.Runs.Should().Be(inputs.Length);
        check.Agree.Should().BeTrue(check.FirstDifference?.Describe());
    }

    [Fact]
    public void Should_write_nothing_When_the_sim_json_and_output_are_the_same_file()
    {
        using var tmp = new TempDir();
        EiecToolchain.Build(Example("model.cz"), new AccelConfig { Pes = 4 }, tmp.File("out"));
        var same = tmp.File("x.npy");
        var request = new SimulateRequest { ImageDir = tmp.File("out"), JsonPath = same, OutputPath = same };
        var act = () => EiecToolchain.Simulate(request);
        act.Should().Throw<Eiec.Contract.Diagnostics.EiecException>().WithMessage("*the same file*");
        File.Exists(same).Should().BeFalse();
    }
}
