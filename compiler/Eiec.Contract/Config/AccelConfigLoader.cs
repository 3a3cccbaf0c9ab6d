using Eiec.Contract.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Eiec.Contract.Config;

/// <summary>
/// Reads and writes <see cref="AccelConfig"/> as YAML with snake_case keys (the style of
/// Timeloop/Accelergy/hls4ml configs). Unknown keys are errors: a typo must not silently fall back
/// to a default. An optional top-level <c>accelerator:</c> wrapper is accepted.
/// </summary>
public static class AccelConfigLoader
{
    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private static readonly ISerializer Writer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static AccelConfig Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new EiecException($"{path}: cannot read accelerator config: {e.Message}"); }
        return Parse(text, path);
    }

    public static AccelConfig Parse(string yaml, string source)
    {
        try
        {
            var text = yaml;
            var root = Reader.Deserialize<Dictionary<string, object?>>(text) ?? new Dictionary<string, object?>();
            if (root.Count == 1 && root.TryGetValue("accelerator", out var inner) && inner is Dictionary<object, object?> wrapped)
            {
                root = wrapped.ToDictionary(kv => kv.Key.ToString()!, kv => kv.Value);
                text = Writer.Serialize(root);
            }
            var known = typeof(AccelConfig).GetProperties()
                .Where(p => p.CanWrite)
                .ToDictionary(p => UnderscoredNamingConvention.Instance.Apply(p.Name), p => p);
            var unknown = root.Keys.Where(k => !known.ContainsKey(k)).ToList();
            if (unknown.Count > 0)
                throw new EiecException($"{source}: unknown accelerator config key(s) {string.Join(", ", unknown.Select(k => $"'{k}'"))}; known keys: {string.Join(", ", known.Keys.Order())}");
            var config = root.Count == 0 ? new AccelConfig() : Reader.Deserialize<AccelConfig>(text);
            return config.Validated(source);
        }
        catch (Exception e) when (e is InvalidCastException || e is YamlException { InnerException: InvalidCastException })
        {
            throw new EiecException($"{source}: an accelerator config must be a mapping of keys (like 'pes: 64'), optionally under 'accelerator:'");
        }
        catch (YamlException e)
        {
            var where = e.Start.Line > 0 ? $" at line {e.Start.Line}, column {e.Start.Column}" : "";
            throw new EiecException($"{source}: malformed accelerator config{where}: {(e.InnerException ?? e).Message}");
        }
    }

    /// <summary>The settable fields only (derived values are recomputed on load, never stored).</summary>
    public static string ToYaml(AccelConfig config) => Writer.Serialize(
        typeof(AccelConfig).GetProperties().Where(p => p.CanWrite)
            .ToDictionary(p => UnderscoredNamingConvention.Instance.Apply(p.Name), p => p.GetValue(config)));

    /// <summary>Applies command-line overrides (null = keep) and re-validates.</summary>
    public static AccelConfig WithOverrides(AccelConfig config, int? pes = null, int? fifoDepth = null, double? clockMhz = null, int? pointerBits = null)
        => (config with
        {
            Pes = pes ?? config.Pes,
            FifoDepth = fifoDepth ?? config.FifoDepth,
            ClockMhz = clockMhz ?? config.ClockMhz,
            PointerBits = pointerBits ?? config.PointerBits,
        }).Validated("command-line options");
}
