using Eiec.Compiler.Config;
using Eiec.Compiler.Cz;
using Eiec.Compiler.FixedPoint;
using Eiec.Compiler.Lowering;
using Eiec.Compiler.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>Every bundled example (examples/*/model.cz with input.npy) runs on the generated RTL and equals the golden model.</summary>
public class RtlExampleTests
{
    public static TheoryData<string> Examples
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var dir in Directory.GetDirectories(Path.Combine(RepoRoot.Path, "examples")).Order(StringComparer.Ordinal))
                if (File.Exists(Path.Combine(dir, "model.cz")) && File.Exists(Path.Combine(dir, "input.npy")))
                    data.Add(Path.GetFileName(dir));
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Should_equal_the_golden_model_When_a_bundled_example_runs_on_the_RTL(string example)
    {
        var dir = Path.Combine(RepoRoot.Path, "examples", example);
        var config = AccelConfigLoader.Load(Path.Combine(RepoRoot.Path, "examples", "accel.yaml"));
        var model = CzReader.Read(Path.Combine(dir, "model.cz"));
        var input = NpyReader.Read(Path.Combine(dir, "input.npy")).ToFloat32()
            .Select(v => FixedPointMath.Quantize(v, ImageCompiler.DefaultActivationFracBits, out _)).ToArray();

        RtlCheck.AgainstGolden($"example-{example}", model, config, [input], actFrac: ImageCompiler.DefaultActivationFracBits);
    }
}
