using Eiec.FrontEnd.Training;

namespace Eiec.Toolchain.Compress;

/// <summary>Inputs of <see cref="EiecToolchain.Compress"/>: Deep Compression of a dense model into a .cz.</summary>
public sealed record CompressRequest
{
    /// <summary>Dense model: .npz or .onnx.</summary>
    public required string ModelPath { get; init; }
    /// <summary>Compressed model to write (.cz, atomically).</summary>
    public required string OutputPath { get; init; }
    /// <summary>Per-layer compression report (Markdown) to write with it, or null.</summary>
    public string? ReportPath { get; init; }
    /// <summary>Fraction every layer keeps, or null for the default (or the prune config's).</summary>
    public double? Density { get; init; }
    /// <summary>prune.yaml with per-layer densities, or null.</summary>
    public string? PruneConfigPath { get; init; }
    /// <summary>Codebook index bits (2^bits entries).</summary>
    public int CodebookBits { get; init; } = 4;
    /// <summary>Retrain on this data (IDX directory or .npz), or null for no retraining.</summary>
    public string? DataPath { get; init; }
    /// <summary>Retraining settings (used only with <see cref="DataPath"/>).</summary>
    public RetrainOptions Retrain { get; init; } = new();
}
