using Eiec.Sim.Stats;

namespace Eiec.Sim;

/// <summary>A batch of inferences run back to back on one array (no reset between them).</summary>
public sealed class BatchResult
{
    public required IReadOnlyList<SimResult> Results { get; init; }
    /// <summary>Statistics summed over the batch (<see cref="SimStats.Inferences"/> = batch size).</summary>
    public required SimStats Stats { get; init; }
}
