namespace Eiec.Contract.Config;

/// <summary>One <c>key: value</c> of a flat YAML config, with where it was written.</summary>
/// <param name="Value">The scalar text, or null when the value is not a scalar.</param>
/// <param name="IsNull">The value is YAML null (<c>~</c>, <c>null</c>, or nothing).</param>
/// <param name="Children">The entries of a nested mapping value, else null.</param>
public sealed record ConfigEntry(
    string Key, string? Value, bool IsNull, int Line, int Column, IReadOnlyList<ConfigEntry>? Children = null);
