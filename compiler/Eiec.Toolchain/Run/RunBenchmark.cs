namespace Eiec.Toolchain.Run;

/// <summary>The golden model's speed: <paramref name="Repeats"/> passes over the batch on one thread.</summary>
/// <param name="Repeats">Passes over the batch.</param>
/// <param name="Vectors">Vectors per pass.</param>
/// <param name="Macs">Multiply-accumulates over all passes.</param>
/// <param name="Seconds">Wall time of all passes.</param>
public sealed record RunBenchmark(int Repeats, int Vectors, long Macs, double Seconds)
{
    /// <summary>Millions of MACs per second.</summary>
    public double MegaMacsPerSecond => Macs / Seconds / 1e6;
}
