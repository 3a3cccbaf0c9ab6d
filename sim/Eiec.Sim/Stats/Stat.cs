namespace Eiec.Sim.Stats;

/// <summary>
/// One reported statistic, gem5 style: a dotted name, its value, its unit and what it means.
/// </summary>
public sealed record Stat(string Name, double Value, string Unit, string Description);
