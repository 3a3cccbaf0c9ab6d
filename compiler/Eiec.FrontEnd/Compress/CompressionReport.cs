using System.Globalization;
using System.Text;
using Eiec.Contract.Cz;

namespace Eiec.FrontEnd.Compress;

/// <summary>
/// Per-layer storage in the manner of Deep Compression's Table 2, plus free-form notes (retraining
/// history, accuracies) that the caller adds. Rendered as Markdown by <see cref="ToMarkdown"/>.
/// </summary>
public sealed class CompressionReport
{
    public required string ModelName { get; init; }
    public required IReadOnlyList<LayerCompressionStats> Layers { get; init; }
    public List<string> Notes { get; } = new();

    public long Weights => Layers.Sum(l => l.Weights);
    public long Kept => Layers.Sum(l => l.Kept);
    public long DenseBits => Layers.Sum(l => l.DenseBits);
    public long TotalBits => Layers.Sum(l => l.TotalBits);
    public long TotalBitsHuffman => Layers.Sum(l => l.TotalBitsHuffman);
    public double Ratio => (double)DenseBits / TotalBits;
    public double RatioHuffman => (double)DenseBits / TotalBitsHuffman;
    public double Density => (double)Kept / Weights;

    public static CompressionReport Measure(CzModel model, CompressionOptions options) => new()
    {
        ModelName = model.Name,
        Layers = model.Layers.Select(l => LayerCompressionStats.Measure(l, options.CodebookBits, options.IndexBits))
            .ToList(),
    };

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"# Compression report: {ModelName}");
        sb.AppendLine();
        sb.AppendLine("| layer | shape (out×in) | weights | kept | density | codebook | bits/weight | bits/index | " +
            "padding | dense fp32 | compressed | ratio | Huffman codes | Huffman indices | ratio with Huffman |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in Layers)
            sb.AppendLine(c, $"| {l.Name} | {l.Outputs}×{l.Inputs} | {l.Weights:N0} | {l.Kept:N0} | {l.Density:P2} | " +
                $"{l.CodebookEntries} | {l.BitsPerWeight:F2} | {l.BitsPerIndex:F2} | {l.Padding:N0} | " +
                $"{Bytes(l.DenseBits)} | {Bytes(l.TotalBits)} | {l.Ratio:F1}× | " +
                $"{Saved(l.CodeStorageBits, l.HuffmanCodeBits)} | {Saved(l.IndexStorageBits, l.HuffmanIndexBits)} | " +
                $"{l.RatioHuffman:F1}× |");
        sb.AppendLine(c, $"| **total** | | {Weights:N0} | {Kept:N0} | {Density:P2} | | | | " +
            $"{Layers.Sum(l => l.Padding):N0} | {Bytes(DenseBits)} | {Bytes(TotalBits)} | **{Ratio:F1}×** | " +
            $"{Saved(Layers.Sum(l => l.CodeStorageBits), Layers.Sum(l => l.HuffmanCodeBits))} | " +
            $"{Saved(Layers.Sum(l => l.IndexStorageBits), Layers.Sum(l => l.HuffmanIndexBits))} | " +
            $"**{RatioHuffman:F1}×** |");
        sb.AppendLine();
        sb.AppendLine("How it is counted: compressed = codes (bits/weight × entries) + 4-bit relative indices (with " +
            "EIE padding");
        sb.AppendLine("entries, code 0, where more than 15 zeros separate two kept weights of a column) + column " +
            "pointers");
        sb.AppendLine("((inputs + 1) × 16 bits; 32 if a layer has ≥ 65,536 entries) + codebook (entries × 32-bit " +
            "float).");
        sb.AppendLine("Dense = outputs × inputs × 32 bits. Biases are excluded from both. Bits per weight and per " +
            "index are");
        sb.AppendLine("per kept weight, padding included. Huffman columns: bits of an optimal prefix code for the " +
            "layer's");
        sb.AppendLine("histogram of codes (resp. relative indices) and the saving over fixed width.");
        if (Notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var n in Notes) sb.AppendLine(n);
        }
        return sb.ToString();

        static string Saved(long fixedBits, long huffmanBits) =>
            string.Create(CultureInfo.InvariantCulture,
                $"{Bytes(huffmanBits)} (−{(fixedBits == 0 ? 0 : 1 - (double)huffmanBits / fixedBits):P0})");
    }

    private static string Bytes(long bits)
    {
        double bytes = bits / 8.0;
        return bytes >= 1 << 20 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1 << 20):F2} MiB")
            : bytes >= 1 << 10 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:F1} KiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:F0} B");
    }
}
