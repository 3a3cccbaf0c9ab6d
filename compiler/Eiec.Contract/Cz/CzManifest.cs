namespace Eiec.Contract.Cz;

/// <summary>The <c>manifest.yaml</c> member of a .cz file (keys are snake_case in YAML).</summary>
public sealed class CzManifest
{
    public string Format { get; set; } = CzFormat.FormatName;
    public int Version { get; set; } = CzFormat.CurrentVersion;
    public string Name { get; set; } = "";
    /// <summary>Optional; omitted from the YAML when null, so models without it keep their bytes.</summary>
    public CzManifestInput? Input { get; set; }
    public List<CzManifestLayer> Layers { get; set; } = [];
}
