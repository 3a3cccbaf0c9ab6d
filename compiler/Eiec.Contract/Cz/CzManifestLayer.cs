namespace Eiec.Contract.Cz;

/// <summary>One entry of the manifest's <c>layers</c> list.</summary>
public sealed class CzManifestLayer
{
    public string Name { get; set; } = "";
    public string Kind { get; set; } = CzFormat.FullyConnected;
    public int Inputs { get; set; }
    public int Outputs { get; set; }
    /// <summary><c>relu</c> or <c>none</c>.</summary>
    public string Activation { get; set; } = "none";
    public CzManifestArrays Arrays { get; set; } = new();
}
