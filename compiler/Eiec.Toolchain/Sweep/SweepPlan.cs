using Eiec.Contract.Cz;
using Eiec.Sim.Energy;

namespace Eiec.Toolchain.Sweep;

/// <summary>
/// A checked sweep, ready to run (<see cref="EiecToolchain.Sweep"/>): every configuration valid, the
/// output directory writable, the model and input loaded. Nothing has been compiled or written yet.
/// </summary>
/// <param name="Request">The request it was planned from.</param>
/// <param name="Model">The compressed model.</param>
/// <param name="Input">The quantized input vector every point simulates.</param>
/// <param name="InputDescription">Where the input came from, for the console.</param>
/// <param name="EnergyTable">Energy per action.</param>
/// <param name="Points">Sweep points: PE counts × queue depths × field combinations.</param>
public sealed record SweepPlan(
    SweepRequest Request, CzModel Model, short[] Input, string InputDescription, EnergyTable EnergyTable, int Points);
