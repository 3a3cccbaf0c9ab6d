using Eiec.Contract.Diagnostics;
using YamlDotNet.Core;

namespace Eiec.Contract.Config;

/// <summary>
/// Reads and writes <see cref="AccelConfig"/> as YAML with snake_case keys (the style of
/// Timeloop/Accelergy/hls4ml configs). Unknown keys are errors: a typo must not silently fall back
/// to a default; so are repeated keys. Every error names the file, the line and the key; an unknown
/// key suggests the nearest known one. An optional top-level <c>accelerator:</c> wrapper is accepted.
/// </summary>
public static class AccelConfigLoader
{
    public static AccelConfig Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new EiecException($"{path}: cannot read accelerator config: {e.Message}"); }
        return Parse(text, path);
    }

    /// <summary>Per-PE memory limits: far above the paper's 128/32/2 KB, far below what would make a
    /// build write tens of GB or a simulation run out of memory.</summary>
    public const int MaxSramBytes = 16 << 20;

    /// <summary>Bias memory depth limit (entries per PE).</summary>
    public const int MaxBiasEntries = 1 << 20;

    private static readonly Dictionary<string, AccelConfigField> Known =
        AccelConfigFields.All.ToDictionary(f => f.Name, f => f, StringComparer.Ordinal);

    /// <summary>The keys a config file may set, snake_case.</summary>
    public static IReadOnlyCollection<string> Keys => Known.Keys;

    /// <param name="source">Names the file in messages.</param>
    public static AccelConfig Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        List<ConfigEntry> entries;
        try
        {
            entries = ConfigYaml.ReadEntries(yaml, source, "accelerator");
        }
        catch (YamlException e)
        {
            var where = e.Start.Line > 0 ? $" at line {e.Start.Line}, column {e.Start.Column}" : "";
            throw new EiecException(
                $"{source}: malformed accelerator config{where}: {(e.InnerException ?? e).Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's own failures on some damaged input (found by AFL++, kept in
            // hosttest/Eiec.Tests/Fuzz/regressions/accel): still malformed input, not an eiec bug.
            throw new EiecException($"{source}: malformed accelerator config{YamlFailure.Describe(e)}");
        }
        var seen = new Dictionary<string, ConfigEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (seen.TryGetValue(entry.Key, out var first))
                throw new EiecException($"{source}: key '{entry.Key}' appears twice, at line {first.Line} and " +
                    $"line {entry.Line}; keep one (a repeated key would silently override the first)");
            seen.Add(entry.Key, entry);
        }
        var unknown = entries.Where(e => !Known.ContainsKey(e.Key)).ToList();
        if (unknown.Count > 0)
        {
            var first = unknown[0];
            throw new EiecException($"{source}: unknown accelerator config key(s) " +
                $"{string.Join(", ", unknown.Select(k => $"'{k.Key}'"))} at line {first.Line}" +
                $"{NearestName.Suggest(first.Key, Known.Keys)}; known keys: {string.Join(", ", Known.Keys.Order())}");
        }
        var result = new AccelConfig();
        foreach (var entry in entries)
        {
            var field = Known[entry.Key];
            result = field.With(result, ConfigYaml.Convert(entry, field.ValueType, source, "accelerator config"));
        }
        try
        {
            result.Validated(source);
        }
        catch (EiecException e)
        {
            // Point at the lines of the keys the message names, keeping its text as it is.
            var named = entries.Where(k => e.Message.Contains($"{k.Key} = ", StringComparison.Ordinal)).ToList();
            if (named.Count == 0) throw;
            var lines = string.Join(", ", named.Select(k => $"key '{k.Key}' at line {k.Line}"));
            throw new EiecException($"{e.Message} ({lines})");
        }
        CheckLimits(result, source, seen);
        return result;
    }

    /// <summary>
    /// The per-PE memory limits (<see cref="MaxSramBytes"/>, <see cref="MaxBiasEntries"/>), which keep
    /// outputs and simulations of a mistyped size bounded; one error naming the key and the limit.
    /// </summary>
    public static AccelConfig CheckLimits(AccelConfig config, string source) =>
        CheckLimits(config, source, new Dictionary<string, ConfigEntry>());

    private static AccelConfig CheckLimits(AccelConfig config, string source, Dictionary<string, ConfigEntry> lines)
    {
        ArgumentNullException.ThrowIfNull(config);
        void Limit(string key, long value, long max, string unit, long paper)
        {
            if (value <= max) return;
            var line = lines.TryGetValue(key, out var entry) ? $" at line {entry.Line}" : "";
            throw new EiecException($"{source}: {key} = {value}{line} exceeds the limit of {max} {unit} per PE " +
                $"(the EIE paper has {paper}); a memory this deep would make images and simulations huge");
        }
        Limit("spmat_sram_bytes", config.SpmatSramBytes, MaxSramBytes, "bytes", 128 * 1024);
        Limit("pointer_sram_bytes", config.PointerSramBytes, MaxSramBytes, "bytes", 32 * 1024);
        Limit("activation_sram_bytes", config.ActivationSramBytes, MaxSramBytes, "bytes", 2 * 1024);
        Limit("bias_entries", config.BiasEntries, MaxBiasEntries, "entries", 1024);
        return config;
    }

    /// <summary>The settable fields only (derived values are recomputed on load, never stored).</summary>
    public static string ToYaml(AccelConfig config) => AccelConfigFields.ToYaml(config);

    /// <summary>Applies command-line overrides (null = keep) and re-validates.</summary>
    public static AccelConfig WithOverrides(AccelConfig config, int? pes = null, int? fifoDepth = null,
        double? clockMhz = null, int? pointerBits = null)
        => (config with
        {
            Pes = pes ?? config.Pes,
            FifoDepth = fifoDepth ?? config.FifoDepth,
            ClockMhz = clockMhz ?? config.ClockMhz,
            PointerBits = pointerBits ?? config.PointerBits,
        }).Validated("command-line options");
}
