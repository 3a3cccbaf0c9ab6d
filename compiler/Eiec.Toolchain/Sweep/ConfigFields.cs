using System.Globalization;
using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;

namespace Eiec.Toolchain.Sweep;

/// <summary>Sets an <see cref="AccelConfig"/> field by its YAML (snake_case) name, e.g. <c>word_bits=32</c>.</summary>
public static class ConfigFields
{
    private static readonly Dictionary<string, AccelConfigField> Writable =
        AccelConfigFields.All.ToDictionary(f => f.Name, f => f);

    public static IReadOnlyCollection<string> Names => Writable.Keys;

    public static AccelConfig With(AccelConfig config, string name, string value)
    {
        if (!Writable.TryGetValue(name, out var field))
            throw new EiecException($"--field {name}: unknown accelerator field; known fields: " +
                $"{string.Join(", ", Writable.Keys.Order())}");
        object parsed;
        if (field.ValueType == typeof(int) &&
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)) parsed = i;
        else if (field.ValueType == typeof(double) &&
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) parsed = d;
        else throw new EiecException($"--field {name}={value}: '{value}' is not a valid " +
            $"{field.ValueType.Name.ToLowerInvariant()}");
        return field.With(config, parsed).Validated($"--field {name}={value}");
    }
}
