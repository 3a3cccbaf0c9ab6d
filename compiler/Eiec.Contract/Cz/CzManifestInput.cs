namespace Eiec.Contract.Cz;

/// <summary>The optional <c>input</c> mapping of manifest.yaml: normalization of raw input data.</summary>
public sealed class CzManifestInput
{
    public double Mean { get; set; }
    public double Std { get; set; } = 1;
}
