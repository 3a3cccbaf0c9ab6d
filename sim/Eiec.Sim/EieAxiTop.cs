namespace Eiec.Sim;

/// <summary>
/// The stream timing of eie_axi_top (docs/microarchitecture.md, "AXI wrapper timing") around the array's
/// counted cycles, with stream partners that never stall. Cycle 0 is the first input beat; the input buffer
/// is non-empty from cycle 1, where the wrapper starts the idle array (IDLE, start). Per vector v, from the
/// cycle s_v the array is started:
///   LOAD    cycles s+1 .. s+I take the I inputs (one per cycle: the buffer always leads, it fills a beat of
///           at least two values per cycle), cycle s+I+1 moves to SCAN;
///   SCAN/WB C_v counted cycles (the simulator's cycles of that vector, whatever the SCAN and WB rules are);
///   OUT     G + O cycles (a read cycle per group of N results, one cycle per result) and one more, in which
///           the array returns to IDLE; the result beat with TLAST leaves the cycle after the last result.
/// So the next vector starts at s_{v+1} = s_v + I + 3 + C_v + G + O, and vector v's last output beat is at
/// s_v + I + 2 + C_v + G + O. The figures do not depend on the stream width (32 or 64 bits).
/// </summary>
public static class EieAxiTop
{
    /// <param name="pes">N.</param>
    /// <param name="inputs">I: the first layer's inputs.</param>
    /// <param name="outputs">O: the last layer's outputs.</param>
    /// <param name="coreCycles">C_v: each vector's counted (SCAN + WB) cycles, in batch order.</param>
    /// <param name="clockMhz">Clock for the per-second figures.</param>
    public static StreamTiming Schedule(int pes, int inputs, int outputs, IReadOnlyList<long> coreCycles,
        double clockMhz)
    {
        ArgumentNullException.ThrowIfNull(coreCycles);
        if (coreCycles.Count == 0) throw new ArgumentException("an empty batch has no stream timing");
        long groups = (outputs + (long)pes - 1) / pes;
        long Period(long c) => inputs + 3 + c + groups + outputs;
        long Alone(long c) => Period(c) + 1;   // last beat at s + Period - 1, counted from beat 0 = s - 1
        long batch = coreCycles.Sum(Period) + 1;
        long sequential = coreCycles.Sum(Alone);
        return new StreamTiming(coreCycles.Count, Alone(coreCycles[0]), batch, sequential, clockMhz);
    }
}
