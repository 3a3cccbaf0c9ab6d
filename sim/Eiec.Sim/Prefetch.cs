using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Eiec.Sim;

/// <summary>
/// Host cache hints for the simulator's memory streams (no hardware counterpart, no effect on any
/// result). With 64 PEs each streaming its own pointer banks and sparse-matrix SRAM, the host's
/// prefetchers lose track and the loop waits on memory; asking for a line a little ahead hides that.
/// </summary>
internal static class Prefetch
{
    /// <summary>Hints that <paramref name="array"/>[<paramref name="index"/>] will be read soon (ignored when out of range or without SSE).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Element<T>(T[] array, int index) where T : unmanaged
    {
        if (Sse.IsSupported && (uint)index < (uint)array.Length)
        {
            fixed (T* p = &array[index]) Sse.Prefetch0(p);
        }
    }
}
