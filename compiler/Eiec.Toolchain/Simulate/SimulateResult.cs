using Eiec.Contract.Image;
using Eiec.Sim;
using Eiec.Sim.Energy;

namespace Eiec.Toolchain.Simulate;

/// <summary>What <see cref="EiecToolchain.Simulate"/> measured (files named in the request are written).</summary>
/// <param name="Manifest">The image's manifest.</param>
/// <param name="Input">The input vectors and how they were obtained.</param>
/// <param name="Batch">Per-input results and the statistics over the batch.</param>
/// <param name="Energy">Energy by unit and action from the statistics and the energy table.</param>
/// <param name="LoadMs">Wall time to read and check the image, ms.</param>
/// <param name="SimulateMs">Wall time to simulate the batch, ms (the first run includes JIT).</param>
/// <param name="Repeats">Timings of the repeat runs, in order (empty unless requested).</param>
public sealed record SimulateResult(
    ImageManifest Manifest, SimInput Input, BatchResult Batch, EnergyReport Energy, double LoadMs, double SimulateMs,
    IReadOnlyList<SimTiming> Repeats)
{
    /// <summary>The batch through eie_axi_top's streams: end-to-end latency, vectors/s, overlap gain.</summary>
    public StreamTiming Stream => EieAxiTop.Schedule(Batch.Stats.Pes, Manifest.Layers[0].Inputs,
        Manifest.Layers[^1].Outputs, Batch.Results.Select(r => r.Stats).ToList(), Batch.Stats.ClockMhz);
}
