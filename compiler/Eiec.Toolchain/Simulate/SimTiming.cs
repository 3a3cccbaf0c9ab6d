namespace Eiec.Toolchain.Simulate;

/// <summary>One timed repeat of a simulation: load (read and check the image) and simulate, ms.</summary>
public sealed record SimTiming(double LoadMs, double SimulateMs)
{
    /// <summary>Load plus simulate, ms.</summary>
    public double TotalMs => LoadMs + SimulateMs;
}
