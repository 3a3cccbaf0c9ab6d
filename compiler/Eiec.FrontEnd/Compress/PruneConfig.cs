using Eiec.Contract.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

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
/// </summary>
public sealed class PruneConfig
{
    public double? Density { get; set; }
    public Dictionary<string, double> Layers { get; set; } = new();

    public static PruneConfig Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new EiecException($"{path}: cannot read the prune config: {e.Message}"); }
        PruneConfig? config;
        try
        {
            config = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
                .Deserialize<PruneConfig>(text);
        }
        catch (YamlException e)
        {
            throw new EiecException($"{path}: invalid prune config at line {e.Start.Line}: " +
                $"{(e.InnerException ?? e).Message}");
        }
        config ??= new PruneConfig();
        if (config.Density is { } d) CheckDensity(path, "density", d);
        foreach (var (layer, density) in config.Layers) CheckDensity(path, $"layers.{layer}", density);
        return config;
    }

    /// <summary>Options for <paramref name="model"/>'s layers; every listed layer must exist.</summary>
    public CompressionOptions Apply(CompressionOptions options, IEnumerable<string> layerNames, string path)
    {
        var names = layerNames.ToHashSet(StringComparer.Ordinal);
        foreach (var layer in Layers.Keys)
            if (!names.Contains(layer))
                throw new EiecException($"{path}: layers.{layer}: the model has no layer '{layer}' (it has " +
                    $"{string.Join(", ", names.Order(StringComparer.Ordinal))})");
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
}
