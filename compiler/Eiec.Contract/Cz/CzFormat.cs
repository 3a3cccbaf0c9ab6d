namespace Eiec.Contract.Cz;

/// <summary>Names and limits of the .cz container, shared by reader, writer, validator and docs.</summary>
public static class CzFormat
{
    /// <summary>Value of the manifest's <c>format</c> key.</summary>
    public const string FormatName = "eiec-cz";

    /// <summary>The version this build writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Versions this build reads.</summary>
    public static IReadOnlyList<int> SupportedVersions { get; } = [1];

    public const string ManifestMember = "manifest.yaml";

    /// <summary>2^code_bits for the default 4-bit codes.</summary>
    public const int DefaultMaxCodebookEntries = 16;

    /// <summary>The only layer kind so far.</summary>
    public const string FullyConnected = "fc";

    public const string IndPtrField = "indptr";
    public const string IndicesField = "indices";
    public const string CodesField = "codes";
    public const string CodebookField = "codebook";
    public const string BiasField = "bias";
}
