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

    /// <summary>
    /// SCAN cycles of one input that keeps the physical columns <paramref name="active"/> (in broadcast order), for
    /// the local search (docs/balancing.md): a max-plus model of the contract's queues
    /// (docs/microarchitecture.md). The m-th broadcast waits for the one before it and for the (m − D)-th pair to
    /// have been popped by every PE two cycles earlier (the any_full register); a pair can be popped two cycles
    /// after its broadcast, at most one pop per cycle per PE, and a column with entries only once the sparse-matrix
    /// read unit took the previous one; that unit takes a column the cycle after its pop and issues its n entries
    /// in the next n cycles; an empty column is dropped without it. Group loads of the control unit are ignored.
    /// </summary>
    /// <param name="counts">Issued entries of physical column p on PE k at [p · pes + k].</param>
    /// <param name="blame">If given, each PE gets the broadcast cycles its late pop held up, and the last PE to
    /// finish the cycles it finished after every other.</param>
    public static long Active(ReadOnlySpan<int> counts, int pes, ReadOnlySpan<int> active, int fifoDepth,
        long[]? blame = null)
    {
        int d = Math.Max(1, fifoDepth);
        var popped = new long[(long)d * pes];
        var lastPop = new long[pes];
        var columnFree = new long[pes];
        var spmFree = new long[pes];
        Array.Fill(lastPop, -1);
        long broadcast = -1;
        for (int m = 0; m < active.Length; m++)
        {
            var ring = popped.AsSpan(m % d * pes, pes);
            long at = broadcast + 1;
            int holder = -1;
            if (m >= d)
                for (int k = 0; k < pes; k++)
                    if (ring[k] + 2 > at) { at = ring[k] + 2; holder = k; }
            if (holder >= 0 && blame is not null) blame[holder] += at - broadcast - 1;
            broadcast = at;
            long arrive = at + 2;
            var column = counts.Slice(active[m] * pes, pes);
            for (int k = 0; k < pes; k++)
            {
                long pop = Math.Max(arrive, Math.Max(lastPop[k] + 1, columnFree[k]));
                lastPop[k] = pop;
                ring[k] = pop;
                int n = column[k];
                if (n > 0)
                {
                    long take = Math.Max(pop + 1, spmFree[k]);
                    spmFree[k] = take + n;
                    columnFree[k] = take;
                }
            }
        }
        long end = broadcast, next = broadcast;
        int last = -1;
        for (int k = 0; k < pes; k++)
            if (spmFree[k] > end) { next = end; end = spmFree[k]; last = k; }
            else next = Math.Max(next, spmFree[k]);
        if (last >= 0 && blame is not null) blame[last] += end - next;
        return end;
    }
}
