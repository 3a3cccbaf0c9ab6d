namespace Eiec.Toolchain.Export;

/// <summary>What <see cref="EiecToolchain.Export"/> wrote.</summary>
/// <param name="Layers">Dense layers written.</param>
/// <param name="Kept">Weights non-zero (kept by pruning).</param>
/// <param name="Weights">All weights.</param>
public sealed record ExportResult(int Layers, long Kept, long Weights);
