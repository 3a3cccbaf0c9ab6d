using System.Globalization;
using System.Reflection;
using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;
using YamlDotNet.Serialization.NamingConventions;

namespace Eiec.Toolchain.Sweep;

/// <summary>Sets an <see cref="AccelConfig"/> field by its YAML (snake_case) name, e.g. <c>word_bits=32</c>.</summary>
public static class ConfigFields
{
    private static readonly Dictionary<string, PropertyInfo> Writable = typeof(AccelConfig).GetProperties()
        .Where(p => p.CanWrite)
        .ToDictionary(p => UnderscoredNamingConvention.Instance.Apply(p.Name), p => p);

    public static IReadOnlyCollection<string> Names => Writable.Keys;

    public static AccelConfig With(AccelConfig config, string name, string value)
    {
        if (!Writable.TryGetValue(name, out var property))
            throw new EiecException($"--field {name}: unknown accelerator field; known fields: " +
                $"{string.Join(", ", Writable.Keys.Order())}");
        object parsed;
        if (property.PropertyType == typeof(int) &&
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)) parsed = i;
        else if (property.PropertyType == typeof(double) &&
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) parsed = d;
        else throw new EiecException($"--field {name}={value}: '{value}' is not a valid " +
            $"{property.PropertyType.Name.ToLowerInvariant()}");
        var copy = config with { };
        property.SetValue(copy, parsed);
        return copy.Validated($"--field {name}={value}");
    }
}
