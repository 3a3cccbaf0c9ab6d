namespace Eiec.Sim.Energy;

/// <summary>One row of an energy table: energy per action, the unit it is charged to, and where the number comes from.</summary>
public sealed record EnergyEntry(double Pj, string Unit, string? Source);
