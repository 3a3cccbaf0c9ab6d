namespace Eiec.Sim;

/// <summary>
/// End-to-end timing of a batch through eie_axi_top with stream partners that never stall (TVALID and
/// TREADY always high), from <see cref="EieAxiTop.Schedule"/>.
/// </summary>
/// <param name="Vectors">Vectors in the batch.</param>
/// <param name="LatencyCycles">First input beat to last output beat of the first vector sent alone (the SPAN
/// register after one vector).</param>
/// <param name="BatchCycles">First input beat to last output beat of the whole batch sent back to back (SPAN
/// after the batch).</param>
/// <param name="SequentialCycles">The batch sent one vector at a time, each after the previous result (no
/// overlap): the sum of each vector's latency alone.</param>
/// <param name="ClockMhz">Clock of the configuration.</param>
public sealed record StreamTiming(int Vectors, long LatencyCycles, long BatchCycles, long SequentialCycles,
    double ClockMhz)
{
    public double LatencyUs => LatencyCycles / ClockMhz;
    /// <summary>Steady-state throughput: vectors per second over the batch sent back to back.</summary>
    public double VectorsPerSecond => Vectors * ClockMhz * 1e6 / BatchCycles;
    /// <summary>How much faster the batch runs with overlap than one vector at a time.</summary>
    public double OverlapGain => (double)SequentialCycles / BatchCycles;
}
