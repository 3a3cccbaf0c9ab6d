using System.Diagnostics.CodeAnalysis;
using Eiec.Contract.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Eiec.FrontEnd.Gen;

/// <summary>
/// Reads benchmark layer tables (the format of shared/bench/eie-layers.yaml); the paper's is built in.
/// </summary>
public static class BenchmarkTable
{
    private sealed class File { public List<BenchmarkLayer> Layers { get; set; } = []; }

    public static IReadOnlyList<BenchmarkLayer> BuiltIn()
    {
        using var stream = typeof(BenchmarkTable).Assembly.GetManifestResourceStream("eie-layers.yaml")
            ?? throw new InvalidOperationException("embedded eie-layers.yaml is missing from the build");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "built-in eie-layers.yaml");
    }

    public static IReadOnlyList<BenchmarkLayer> Load(string path)
    {
        try { return Parse(System.IO.File.ReadAllText(path), path); }
        catch (IOException e) { throw new EiecException($"{path}: cannot read benchmark table: {e.Message}"); }
    }

    public static IReadOnlyList<BenchmarkLayer> Parse(string yaml, string source)
    {
        try
        {
            var file = Deserializer().Deserialize<File>(yaml);
            var layers = file?.Layers ?? [];
            foreach (var l in layers)
                if (l.Inputs < 1 || l.Outputs < 1 || l.WeightDensity is <= 0 or > 1
                    || l.ActivationDensity is < 0 or > 1)
                    throw new EiecException(
                        $"{source}: layer '{l.Name}': inputs/outputs must be ≥ 1 and densities in (0, 1]");
            return layers;
        }
        catch (YamlException e)
        {
            throw new EiecException(
                $"{source}: malformed benchmark table at line {e.Start.Line}: {(e.InnerException ?? e).Message}");
        }
        catch (Exception e) when (YamlFailure.IsMalformedInput(e)) // YamlDotNet's other failures (issue 11, AFL++)
        { throw new EiecException($"{source}: malformed benchmark table{YamlFailure.Describe(e)}"); }
    }

    private const DynamicallyAccessedMemberTypes Kept =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties;

    // YamlDotNet's object deserializer creates File and BenchmarkLayer by reflection (IL3050); their constructors
    // and properties are kept for it here, so `eiec gen --layer` works under Native AOT too (`make aot`).
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "table types kept by DynamicDependency")]
    [DynamicDependency(Kept, typeof(File))]
    [DynamicDependency(Kept, typeof(BenchmarkLayer))]
    private static IDeserializer Deserializer() =>
        new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
}
