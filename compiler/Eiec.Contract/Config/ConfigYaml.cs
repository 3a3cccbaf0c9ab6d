using System.Globalization;
using Eiec.Contract.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Eiec.Contract.Config;

/// <summary>
/// Reads a flat YAML mapping of scalars (optionally under one wrapper key) as a list of entries
/// with their lines, read event by event so repeated keys and the line of every key are seen, which
/// a deserializer into a dictionary or an object would hide.
/// </summary>
public static class ConfigYaml
{
    public const string NotAMapping =
        "an accelerator config must be a mapping of keys (like 'pes: 64'), optionally under 'accelerator:'";

    /// <param name="notAMapping">What the file must be, for the error when it is not a mapping.</param>
    /// <exception cref="YamlException">Malformed YAML (the caller names the file and the line).</exception>
    public static List<ConfigEntry> ReadEntries(string yaml, string source, string wrapperKey,
        string notAMapping = NotAMapping)
    {
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _)) return [];
        parser.Consume<DocumentStart>();
        if (parser.Accept<Scalar>(out var only) && IsNull(only)) return [];
        if (!parser.TryConsume<MappingStart>(out _))
            throw new EiecException($"{source}: {notAMapping}");
        var entries = ReadMapping(parser, source, notAMapping);
        if (entries.Count == 1 && entries[0].Key == wrapperKey && entries[0].Children is { } wrapped)
            return [.. wrapped];
        return entries;
    }

    private static List<ConfigEntry> ReadMapping(IParser parser, string source, string notAMapping)
    {
        var entries = new List<ConfigEntry>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (!parser.TryConsume<Scalar>(out var key))
            {
                var at = parser.Current?.Start.Line ?? 0;
                throw new EiecException($"{source}: line {at}: {notAMapping}");
            }
            var line = (int)key.Start.Line;
            var column = (int)key.Start.Column;
            if (parser.TryConsume<Scalar>(out var value))
            {
                var isNull = IsNull(value);
                entries.Add(new ConfigEntry(key.Value, isNull ? null : value.Value, isNull, line, column));
            }
            else if (parser.TryConsume<MappingStart>(out _))
            {
                var children = ReadMapping(parser, source, notAMapping);
                entries.Add(new ConfigEntry(key.Value, null, false, line, column, children));
            }
            else
            {
                // A list, an alias: skip it whole; it is reported as a non-scalar value of its key.
                parser.SkipThisAndNestedEvents();
                entries.Add(new ConfigEntry(key.Value, null, false, line, column));
            }
        }
        return entries;
    }

    private static bool IsNull(Scalar s) =>
        s.Style == ScalarStyle.Plain && s.Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>The entry's value as an int or a double; one error naming file, line and key otherwise.</summary>
    public static object Convert(ConfigEntry entry, Type type, string source, string what)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(type);
        var at = $"{source}: malformed {what} at line {entry.Line}, key '{entry.Key}'";
        if (entry.Value is null)
            throw new EiecException(entry.IsNull ? $"{at}: the key has no value" : $"{at}: expected a single value");
        if (type == typeof(int))
        {
            if (int.TryParse(entry.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
                return i;
            throw new EiecException($"{at}: '{entry.Value}' is not an integer" +
                (long.TryParse(entry.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                    ? $" in [{int.MinValue}, {int.MaxValue}]" : ""));
        }
        if (type == typeof(double))
        {
            if (double.TryParse(entry.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                && double.IsFinite(d)) return d;
            throw new EiecException($"{at}: '{entry.Value}' is not a number");
        }
        if (type == typeof(MemoryKind))
        {
            if (MemoryKinds.TryParse(entry.Value, out var kind)) return kind;
            throw new EiecException($"{at}: '{entry.Value}' is not one of {string.Join(", ", MemoryKinds.Names)}");
        }
        throw new InvalidOperationException($"config field '{entry.Key}' has unsupported type {type.Name}");
    }
}
