namespace Eiec.Contract.Image;

/// <summary>Names of the files in an image directory; every writer and reader uses these.</summary>
public static class ImageFiles
{
    public const string Manifest = "image.json";
    public const string MemoryDir = "mem";
    public const string RtlDir = "rtl";
    public const string ReportMarkdown = "report.md";
    public const string ReportJson = "report.json";
    public const int LayerTableFields = 8;
    public const int LayerTableWidth = LayerTableFields * 32;

    public static string LayerTable => $"{MemoryDir}/layers.hex";
    public static string Codebook => $"{MemoryDir}/codebook.hex";
    public static string PeMemory(int pe, string kind) => $"{MemoryDir}/pe{pe:000}_{kind}.hex";

    public const string Spmat = "spmat";
    public const string PtrEven = "ptr_even";
    public const string PtrOdd = "ptr_odd";
    public const string Bias = "bias";
}
