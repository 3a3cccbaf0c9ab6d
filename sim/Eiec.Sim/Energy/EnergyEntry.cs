namespace Eiec.Sim.Energy;

/// <summary>
/// One number of an energy table: picojoules (per action, or per cycle), the unit it is charged to,
/// where the number comes from and the arithmetic that derived it.
/// </summary>
public sealed record EnergyEntry(double Pj, string Unit, string? Source, string? Derivation = null);
