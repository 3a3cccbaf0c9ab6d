namespace Eiec.Contract.Cz;

/// <summary>A layer's <c>arrays</c> mapping: field → .npy member path inside the ZIP.</summary>
public sealed class CzManifestArrays
{
    public string Indptr { get; set; } = "";
    public string Indices { get; set; } = "";
    public string Codes { get; set; } = "";
    public string Codebook { get; set; } = "";
    /// <summary>Optional; omitted from the YAML when null.</summary>
    public string? Bias { get; set; }

    /// <summary>(field, member) pairs in the fixed order they are written and read.</summary>
    public IEnumerable<(string Field, string? Member)> Members()
    {
        yield return (CzFormat.IndPtrField, Indptr);
        yield return (CzFormat.IndicesField, Indices);
        yield return (CzFormat.CodesField, Codes);
        yield return (CzFormat.CodebookField, Codebook);
        yield return (CzFormat.BiasField, Bias);
    }
}
