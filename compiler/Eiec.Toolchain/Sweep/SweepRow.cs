namespace Eiec.Toolchain.Sweep;

/// <summary>
/// One sweep point for one layer (<see cref="Layer"/> = −1: the whole network). Cycles are per
/// inference; speedup is relative to the smallest PE count of the sweep with the same queue depth,
/// fields and layer (ideal = PEs / that count).
/// </summary>
public sealed record SweepRow
{
    public required int Pes { get; init; }
    public required int FifoDepth { get; init; }
    /// <summary>Values of the extra swept fields, in --field order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; }
    public required int Layer { get; init; }
    public required string LayerName { get; init; }
    public long ScanCycles { get; init; }
    public long WbCycles { get; init; }
    public long Cycles { get; init; }
    public long IdealScanCycles { get; init; }
    public double LoadBalanceEfficiency { get; init; }
    public long IssuedEntries { get; init; }
    public long PaddingEntries { get; init; }
    public double UsefulGops { get; init; }
    public double IssuedGops { get; init; }
    public double LatencyUs { get; init; }
    public long BroadcastStallCycles { get; init; }
    public double EnergyPj { get; init; }
    public double Speedup { get; init; }
    public double IdealSpeedup { get; init; }
    /// <summary>Why the point has no figures (e.g. the model does not fit this configuration).</summary>
    public string? Error { get; init; }

    public string FieldKey => string.Join(",", Fields.Select(f => $"{f.Key}={f.Value}"));
}
