using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// Every bundled example (each examples/*/*.cz next to an input.npy) runs on the generated RTL for
/// examples/accel.yaml and equals the golden model, with cycles equal to the simulator's.
/// </summary>
public class RtlExampleTests
{
    public static TheoryData<string> Examples
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var dir in Directory.GetDirectories(Path.Combine(RepoPaths.Root, "examples"))
                .Order(StringComparer.Ordinal))
                if (File.Exists(Path.Combine(dir, "input.npy")))
                    foreach (var cz in Directory.GetFiles(dir, "*.cz").Order(StringComparer.Ordinal))
                        data.Add($"{Path.GetFileName(dir)}/{Path.GetFileName(cz)}");
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Should_equal_the_golden_model_When_a_bundled_example_runs_on_the_RTL(string example)
    {
        var cz = Path.Combine(RepoPaths.Root, "examples", example);
        var dir = Path.GetDirectoryName(cz)!;
        var config = AccelConfigLoader.Load(Path.Combine(RepoPaths.Root, "examples", "accel.yaml"));
        var model = CzReader.Read(cz);
        var input = NpyReader.Read(Path.Combine(dir, "input.npy")).ToFloat32()
            .Select(v => FixedPointMath.Quantize(v, ImageCompiler.DefaultActivationFracBits, out _)).ToArray();

        RtlCheck.AgainstGolden($"example-{example.Replace('/', '-')}", model, config, [input],
            actFrac: ImageCompiler.DefaultActivationFracBits);
    }
}
