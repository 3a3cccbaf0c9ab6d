using System.Numerics;

namespace Eiec.Sim;

/// <summary>
/// Leading-non-zero detection, as the control unit's tree of 4-input detectors computes it
/// (⌈log4 N⌉ levels, combinational). Every node forwards its lowest-numbered non-zero child, so the
/// tree as a whole returns the lowest set bit of the mask; the simulator gets the same answer from
/// 64-bit mask words and a trailing-zero count.
/// </summary>
public static class Lnzd
{
    /// <summary>Number of 4-input detector levels for <paramref name="n"/> inputs (at least 1).</summary>
    public static int Levels(int n)
    {
        int levels = 1;
        for (long span = 4; span < n; span *= 4) levels++;
        return levels;
    }

    /// <summary>Detector nodes in the tree for <paramref name="n"/> inputs (64 PEs: 16 + 4 + 1 = 21).</summary>
    public static int Nodes(int n)
    {
        int nodes = 0;
        for (int width = n; ; )
        {
            width = (width + 3) / 4;
            nodes += width;
            if (width == 1) return nodes;
        }
    }

    /// <summary>Index of the lowest set bit of <paramref name="mask"/>, or -1 when it is all zero.</summary>
    public static int LowestSetBit(ReadOnlySpan<ulong> mask)
    {
        for (int w = 0; w < mask.Length; w++)
            if (mask[w] != 0) return (w << 6) + BitOperations.TrailingZeroCount(mask[w]);
        return -1;
    }
}
