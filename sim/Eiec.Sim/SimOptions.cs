namespace Eiec.Sim;

/// <summary>What-if overrides of the image's accelerator configuration (null = the image's value).</summary>
public sealed record SimOptions
{
    /// <summary>Activation-queue depth, entries (the image's contents do not depend on it).</summary>
    public int? FifoDepth { get; init; }
    /// <summary>Clock for time, throughput and power figures, MHz.</summary>
    public double? ClockMhz { get; init; }
    /// <summary>The SCAN engine (results are identical; <see cref="SimEngine.Event"/> is the fast one).</summary>
    public SimEngine Engine { get; init; } = SimEngine.Event;
}
