using Eiec.Sim.Stats;

namespace Eiec.Sim;

/// <summary>
/// The accelerator's top level as an engine evaluates it: constructed in the reset state, then
/// LOAD, SCAN and WB of each layer in turn, and OUT. State persists across inferences like the
/// hardware's between start pulses.
/// </summary>
internal interface IEieArray
{
    /// <summary>When set, every later layer records its per-PE activity into it (<c>eiec sim --plot</c>).</summary>
    PeTimeline? Timeline { get; set; }

    /// <summary>LOAD: layer 0's input activations (not counted in cycles).</summary>
    void Load(ReadOnlySpan<short> input);

    /// <summary>SCAN(l) then WB(l); returns the layer's statistics.</summary>
    LayerStats RunLayer(int l);

    /// <summary>The outputs of layer <paramref name="l"/> after its WB, as OUT streams them.</summary>
    short[] ReadOutputs(int l);

    /// <summary>PE <paramref name="pe"/>'s sparse-matrix SRAM output register (the held-word rule).</summary>
    HeldWord HeldWord(int pe);
}
