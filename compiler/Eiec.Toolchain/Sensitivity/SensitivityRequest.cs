namespace Eiec.Toolchain.Sensitivity;

/// <summary>Inputs of <see cref="EiecToolchain.Sensitivity"/>: per-layer pruning sensitivity.</summary>
public sealed record SensitivityRequest
{
    /// <summary>Dense model: .npz or .onnx.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Test data: IDX directory or .npz.</summary>
    public required string DataPath { get; init; }

    /// <summary>Directory for sensitivity.csv and sensitivity.png.</summary>
    public required string OutputDir { get; init; }

    /// <summary>Densities each layer is pruned to, alone.</summary>
    public required IReadOnlyList<double> Densities { get; init; }

    /// <summary>Evaluate on only the first N test examples, or null for all.</summary>
    public int? Limit { get; init; }
}
