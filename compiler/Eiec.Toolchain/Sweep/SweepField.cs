using Eiec.Contract.Diagnostics;

namespace Eiec.Toolchain.Sweep;

/// <summary>One extra swept accelerator field: <c>name=v1,v2,...</c>.</summary>
public sealed record SweepField(string Name, IReadOnlyList<string> Values)
{
    public static SweepField Parse(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new EiecException($"--field '{text}': expected name=v1,v2,... (e.g. word_bits=32,64)");
        string name = text[..eq].Trim();
        var values = text[(eq + 1)..].Split(',',
            StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (name is "pes" or "fifo_depth")
            throw new EiecException($"--field {name}: sweep it with --{name.Replace('_', '-')} instead");
        if (!ConfigFields.Names.Contains(name))
            throw new EiecException($"--field {name}: unknown accelerator field; known fields: " +
                $"{string.Join(", ", ConfigFields.Names.Order())}");
        if (values.Length == 0)
            throw new EiecException($"--field '{text}': give at least one value for {name}");
        return new SweepField(name, values.Distinct(StringComparer.Ordinal).ToArray());
    }
}
