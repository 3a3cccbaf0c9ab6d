using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;

namespace Eiec.FrontEnd.Compress;

/// <summary>
/// prune.yaml: the fraction of weights each layer keeps.
/// <code>
/// density: 0.1        # optional: layers not listed below
/// layers:
///   fc0: 0.08
///   fc1: 0.09
///   fc2: 0.26
/// </code>
/// Read key by key (<see cref="ConfigYaml"/>) rather than deserialized into an object, so that every
/// error names the file, the line and the key, a repeated key is an error instead of silently
/// overriding the first, and a misspelt key gets the nearest known one — as for accelerator configs.
/// </summary>
public sealed class PruneConfig
{
    private const string NotAMapping =
        "a prune config must be a mapping like 'density: 0.1' and 'layers: {fc0: 0.08, ...}'";
    private static readonly string[] TopKeys = ["density", "layers"];

    public double? Density { get; init; }
    public IReadOnlyDictionary<string, double> Layers { get; init; } = new Dictionary<string, double>();

    public static PruneConfig Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new EiecException($"{path}: cannot read the prune config: {e.Message}"); }
        return Parse(text, path);
    }

    /// <summary>Parses and checks a prune config; every problem is one <see cref="EiecException"/>.</summary>
    /// <param name="source">Names the file in messages.</param>
    public static PruneConfig Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        List<ConfigEntry> entries;
        try
        {
            entries = ConfigYaml.ReadEntries(yaml, source, "prune", NotAMapping);
        }
        catch (Exception e) when (YamlFailure.IsMalformedInput(e))
        {
            throw new EiecException($"{source}: malformed prune config{YamlFailure.Describe(e)}");
        }
        CheckUnique(entries, source, "");
        double? density = null;
        var layers = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            switch (entry.Key)
            {
                case "density":
                    density = Fraction(entry, source, "density");
                    break;
                case "layers":
                    if (entry.Children is null && !entry.IsNull)
                        throw new EiecException($"{source}: line {entry.Line}: 'layers' must be a mapping of " +
                            "layer name to density, like 'layers: {fc0: 0.08}'");
                    var children = entry.Children ?? [];
                    CheckUnique(children, source, "layers.");
                    foreach (var layer in children)
                        layers[layer.Key] = Fraction(layer, source, $"layers.{layer.Key}");
                    break;
                default:
                    throw new EiecException($"{source}: line {entry.Line}: unknown key '{entry.Key}'" +
                        $"{NearestName.Suggest(entry.Key, TopKeys)}; known keys: {string.Join(", ", TopKeys)}");
            }
        }
        return new PruneConfig { Density = density, Layers = layers };
    }

    /// <summary>Options for <paramref name="model"/>'s layers; every listed layer must exist.</summary>
    public CompressionOptions Apply(CompressionOptions options, IEnumerable<string> layerNames, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = layerNames.ToHashSet(StringComparer.Ordinal);
        foreach (var layer in Layers.Keys)
            if (!names.Contains(layer))
                throw new EiecException($"{path}: layers.{layer}: the model has no layer '{layer}'" +
                    $"{NearestName.Suggest(layer, names)} " +
                    $"(it has {string.Join(", ", names.Order(StringComparer.Ordinal))})");
        return options with
        {
            Density = Density ?? options.Density,
            LayerDensities = new Dictionary<string, double>(Layers),
        };
    }

    public static void CheckDensity(string source, string what, double density)
    {
        if (!(density > 0 && density <= 1))
            throw new EiecException($"{source}: {what} = {density}; a density is the fraction of weights kept, in " +
                "(0, 1]");
    }

    private static void CheckUnique(IEnumerable<ConfigEntry> entries, string source, string prefix)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (seen.TryGetValue(entry.Key, out var firstLine))
                throw new EiecException($"{source}: key '{prefix}{entry.Key}' appears twice, at line {firstLine} " +
                    $"and line {entry.Line}; keep one (a repeated key would silently override the first)");
            seen.Add(entry.Key, entry.Line);
        }
    }

    private static double Fraction(ConfigEntry entry, string source, string key)
    {
        var value = (double)ConfigYaml.Convert(entry, typeof(double), source, "prune config");
        CheckDensity($"{source}: line {entry.Line}", key, value);
        return value;
    }
}
