namespace Eiec.Contract.Image;

/// <summary>
/// The output map of a row-balanced image (docs/balancing.md), defined once: element i of the last layer is on
/// PE map[i] at local row i / N, i.e. slot (i / N) · N + map[i]; without a map, on PE i mod N (slot i). Every
/// group of N elements (the last one may be shorter) is a permutation of the PEs 0 .. its size − 1, so OUT
/// reads one group from every PE and picks the elements from it, as without a map.
/// </summary>
public static class OutputMapping
{
    /// <summary>The slot of output element <paramref name="i"/>.</summary>
    public static int Slot(int[]? map, int pes, int i) => map is null ? i : i / pes * pes + map[i];

    /// <summary>The outputs in index order from the outputs in slot order.</summary>
    public static short[] Apply(short[] slots, int[]? map, int pes)
    {
        ArgumentNullException.ThrowIfNull(slots);
        if (map is null) return slots;
        var result = new short[slots.Length];
        for (int i = 0; i < result.Length; i++) result[i] = slots[Slot(map, pes, i)];
        return result;
    }

    /// <summary>Null when <paramref name="map"/> is a valid map for <paramref name="outputs"/> outputs, else why
    /// not.</summary>
    public static string? Check(int[] map, int outputs, int pes)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.Length != outputs) return $"{map.Length} entries for {outputs} outputs";
        var seen = new bool[pes];
        for (int g = 0; g * pes < outputs; g++)
        {
            int size = Math.Min(pes, outputs - g * pes);
            Array.Clear(seen);
            for (int i = g * pes; i < g * pes + size; i++)
            {
                if (map[i] < 0 || map[i] >= size)
                    return $"element {i} is on PE {map[i]}, outside its group's PEs 0..{size - 1}";
                if (seen[map[i]]) return $"element {i}: PE {map[i]} appears twice in group {g}";
                seen[map[i]] = true;
            }
        }
        return null;
    }
}
