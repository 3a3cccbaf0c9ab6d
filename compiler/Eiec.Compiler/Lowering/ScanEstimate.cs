namespace Eiec.Compiler.Lowering;

/// <summary>
/// A quick estimate of a layer's SCAN cycles from its per-PE, per-column entry counts, to choose between
/// placements (docs/balancing.md): every column active, broadcast at most one per cycle and only when the column
/// D places earlier has left every queue, each PE taking its columns in order at one entry per cycle, an empty
/// column free. Not the contract's timing (the simulator's), only its shape: which PE holds the others up.
/// </summary>
public static class ScanEstimate
{
    public static long Cycles(EncodedLayer layer, int pes, int fifoDepth)
    {
        ArgumentNullException.ThrowIfNull(layer);
        int cols = layer.Pointers[0].Length - 1, d = Math.Max(1, fifoDepth);
        var finish = new long[pes];
        var started = new long[(long)d * pes];
        long broadcast = -1;
        for (int p = 0; p < cols; p++)
        {
            long at = broadcast + 1;
            if (p >= d)
            {
                var ring = started.AsSpan(p % d * pes, pes);
                foreach (long s in ring) at = Math.Max(at, s + 1);
            }
            broadcast = at;
            var slot = started.AsSpan(p % d * pes, pes);
            for (int k = 0; k < pes; k++)
            {
                var ptr = layer.Pointers[k];
                long start = Math.Max(finish[k], at + 2);
                slot[k] = start;
                finish[k] = start + ptr[p + 1] - ptr[p];
            }
        }
        long end = broadcast;
        foreach (long f in finish) end = Math.Max(end, f);
        return end;
    }
}
