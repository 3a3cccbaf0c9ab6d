namespace Eiec.FrontEnd.Compress;

/// <summary>Top-1 accuracy with one layer pruned to a density and every other layer dense.</summary>
public sealed record SensitivityRow(string Layer, double Density, long Kept, double Accuracy);
