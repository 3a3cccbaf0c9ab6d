namespace Eiec.Tests.Rtl;

/// <summary>What one run of the AXI testbench printed: the output beats in order, the register reads in
/// order (offset, value), the cycle it ended.</summary>
public sealed record AxiRun(IReadOnlyList<(ulong Data, bool Last)> Beats, IReadOnlyList<(int Offset, uint Value)> Reads,
    long EndCycle, string Log)
{
    /// <summary>The values of register <paramref name="name"/> in the order they were read.</summary>
    public IReadOnlyList<uint> Values(string name) =>
        Reads.Where(r => r.Offset == AxiScript.Reg(name)).Select(r => r.Value).ToList();

    /// <summary>The output vectors: beats up to each TLAST, unpacked, cut to <paramref name="length"/>
    /// values.</summary>
    public IReadOnlyList<short[]> Vectors(int lanes, int length)
    {
        var vectors = new List<short[]>();
        var current = new List<short>();
        foreach (var (data, last) in Beats)
        {
            for (int l = 0; l < lanes; l++) current.Add((short)(ushort)(data >> (16 * l)));
            if (!last) continue;
            vectors.Add(current.Take(length).ToArray());
            current.Clear();
        }
        return vectors;
    }
}
