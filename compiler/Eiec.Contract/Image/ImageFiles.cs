namespace Eiec.Contract.Image;

/// <summary>Names of the files in an image directory; every writer and reader uses these.</summary>
public static class ImageFiles
{
    public const string Manifest = "image.json";
    /// <summary>The packed image a host loads into the hardware (<see cref="ImageBinary"/>).</summary>
    public const string Binary = "image.bin";
    public const string MemoryDir = "mem";
    public const string RtlDir = "rtl";
    public const string ReportMarkdown = "report.md";
    public const string ReportJson = "report.json";

    public static string LayerTable => $"{MemoryDir}/layers.hex";
    public static string Codebook => $"{MemoryDir}/codebook.hex";
    /// <summary>The output map of a row-balanced image (docs/balancing.md).</summary>
    public static string OutMap => $"{MemoryDir}/{OutMapKind}.hex";
    public const string OutMapKind = "out_map";
    /// <summary>Per-PE files: "pe", the PE as three digits, "_", the kind (the RTL builds the same name).</summary>
    public const string PeFilePrefix = "pe";
    public static string PeMemory(int pe, string kind) => $"{MemoryDir}/{PeFilePrefix}{pe:000}_{kind}.hex";

    public const string Spmat = "spmat";
    public const string PtrEven = "ptr_even";
    public const string PtrOdd = "ptr_odd";
    public const string Bias = "bias";
}
