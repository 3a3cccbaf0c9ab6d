namespace Eiec.Contract.Config;

/// <summary>The config-file spelling of <see cref="MemoryKind"/> values (the same as image.json's).</summary>
public static class MemoryKinds
{
    /// <summary>Every spelling, in the enum's order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["block", "spram"];

    public static string Name(MemoryKind kind) => Names[(int)kind];

    public static bool TryParse(string text, out MemoryKind kind)
    {
        int i = Names.ToList().IndexOf(text);
        kind = i < 0 ? MemoryKind.Block : (MemoryKind)i;
        return i >= 0;
    }
}
