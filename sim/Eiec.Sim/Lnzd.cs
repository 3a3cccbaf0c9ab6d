using System.Numerics;

namespace Eiec.Sim;

/// <summary>
/// Leading-non-zero detection (RTL <c>eie_lnzd</c>), as the control unit's tree of 4-input detectors computes it
/// (⌈log4 N⌉ levels, combinational). Every node forwards its lowest-numbered non-zero child, so the
/// tree as a whole returns the lowest set bit of the mask; the simulator gets the same answer from
/// 64-bit mask words and a trailing-zero count.
/// </summary>
public static class Lnzd
{
    /// <summary>Index of the lowest set bit of <paramref name="mask"/>, or -1 when it is all zero.</summary>
    public static int LowestSetBit(ReadOnlySpan<ulong> mask)
    {
        for (int w = 0; w < mask.Length; w++)
            if (mask[w] != 0) return (w << 6) + BitOperations.TrailingZeroCount(mask[w]);
        return -1;
    }
}
