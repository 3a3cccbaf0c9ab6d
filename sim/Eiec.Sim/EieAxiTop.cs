using Eiec.Contract.Config;
using Eiec.Sim.Stats;

namespace Eiec.Sim;

/// <summary>
/// The stream timing of eie_axi_top (docs/microarchitecture.md, "AXI wrapper timing") around the array's
/// counted cycles, with stream partners that never stall. Cycle 0 is the first input beat; the input buffer
/// holds it from cycle 1 and always leads the array's LOAD from then on (it receives a beat of two or more
/// values per cycle), so the stream width does not enter the timing. Per vector v (I inputs, layer 0's):
///   LOAD    takes one value per cycle into input slot v mod 2, from the cycle after vector v−1's last value,
///           once the slot is free (vector v−2's SCAN(0) has ended), skipping every cycle in which write-back
///           writes the activation RAM (WB(l) row w is written in WB cycle w + L);
///   start   the array, idle, sees the slot full the cycle after LOAD's last value and begins SCAN(0) the
///           next cycle: a_v = max(last value + 1, idle_v) + 1;
///   compute C_v counted cycles (the simulator's layers, whatever the SCAN and WB rules are);
///   OUT     G + O cycles (a read cycle per group of N results, one per result); the result beat with TLAST
///           leaves in cycle a_v + C_v + G + O, and the array is idle again from the next cycle.
/// One vector alone takes I + C + G + O + 3 cycles from its first input beat to its last output beat.
/// </summary>
public static class EieAxiTop
{
    /// <param name="pes">N.</param>
    /// <param name="inputs">I: the first layer's inputs.</param>
    /// <param name="outputs">O: the last layer's outputs.</param>
    /// <param name="vectors">Each vector's statistics in batch order (per layer: SCAN and WB cycles).</param>
    /// <param name="clockMhz">Clock for the per-second figures.</param>
    public static StreamTiming Schedule(int pes, int inputs, int outputs, IReadOnlyList<SimStats> vectors,
        double clockMhz)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count == 0) throw new ArgumentException("an empty batch has no stream timing");
        long groups = (outputs + (long)pes - 1) / pes;
        long outCycles = groups + outputs;
        // Cycles in which write-back writes the activation RAM (LOAD waits), in order, as [start, end].
        var writes = new List<(long Start, long End)>();
        int firstWrite = 0;
        // LOAD may take vector v's first value from loadFrom (after vector v-1's last) once its slot is free.
        long loadFrom = 1, idleFrom = 0, lastBeat = 0, sequential = 0;
        long[] slotFree = [1, 1];
        for (int v = 0; v < vectors.Count; v++)
        {
            int slot = v & 1;
            long start = Math.Max(loadFrom, slotFree[slot]);
            while (firstWrite < writes.Count && writes[firstWrite].End < start) firstWrite++;
            long lastValue = TakeValues(start, inputs, writes, firstWrite);
            loadFrom = lastValue + 1;
            long a = Math.Max(lastValue + 1, idleFrom) + 1;
            long at = a;
            var layers = vectors[v].Layers;
            for (int l = 0; l < layers.Count; l++)
            {
                long scan = layers[l].ScanCycles, rows = layers[l].WbCycles - AccelConfig.WriteBackLatency;
                long wb = at + scan;
                if (l == 0) slotFree[slot] = wb;
                long firstRow = wb + AccelConfig.WriteBackLatency;
                if (rows > 0) writes.Add((firstRow, firstRow + rows - 1));
                at = wb + layers[l].WbCycles;
            }
            long compute = at - a;
            lastBeat = a + compute + outCycles;
            idleFrom = lastBeat + 1;
            sequential += inputs + compute + outCycles + 3;
        }
        long latency = inputs + vectors[0].Cycles + outCycles + 3;
        return new StreamTiming(vectors.Count, latency, lastBeat + 1, sequential, clockMhz);
    }

    /// <summary>
    /// The cycle of the last of <paramref name="count"/> values taken one per cycle from <paramref name="start"/>
    /// on, skipping the write-back write cycles.
    /// </summary>
    private static long TakeValues(long start, long count, List<(long Start, long End)> writes, int first)
    {
        long cur = start, remaining = count;
        for (int i = first; i < writes.Count; i++)
        {
            var (s, e) = writes[i];
            if (e < cur) continue;
            if (s > cur)
            {
                long gap = s - cur;
                if (gap >= remaining) return cur + remaining - 1;
                remaining -= gap;
            }
            cur = e + 1;
        }
        return cur + remaining - 1;
    }
}
