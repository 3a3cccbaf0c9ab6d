using Eiec.Contract.FixedPoint;
using Eiec.Contract.Npy;

namespace Eiec.Toolchain.Run;

/// <summary>Last-layer outputs as an .npy array shaped like the input: float32 in real units, or raw int16.</summary>
public static class OutputArray
{
    public static NpyArray From(IReadOnlyList<short[]> rows, bool raw, int fracBits, bool isBatch)
    {
        int width = rows[0].Length;
        int[] shape = isBatch ? [rows.Count, width] : [width];
        return raw
            ? NpyArray.FromInt16(rows.SelectMany(r => r).ToArray(), shape)
            : NpyArray.FromFloat32(rows.SelectMany(r => FixedPointMath.ToReal(r, fracBits)).Select(x => (float)x).ToArray(), shape);
    }
}
