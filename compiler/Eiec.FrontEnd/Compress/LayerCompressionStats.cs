using Eiec.Contract.Config;
using Eiec.Contract.Cz;

namespace Eiec.FrontEnd.Compress;

/// <summary>
/// Storage of one compressed layer, counted as Deep Compression's Table 2 does, from the
/// <see cref="CzLayer"/> itself. The counting rule (also in docs/import.md):
/// <list type="bullet">
/// <item>entries = kept weights + padding entries. Each column's rows are coded as relative indices
///   (zeros since the previous entry, or since the top); a gap of more than 2^indexBits − 1 zeros
///   costs one padding entry (code 0) per 2^indexBits positions, as in EIE.</item>
/// <item>codes: entries × codeBits; relative indices: entries × indexBits;</item>
/// <item>pointers: (inputs + 1) × 16 bits (32 bits if the layer has 65,536 entries or more);</item>
/// <item>codebook: its entries × 32 bits (float32, as the .cz stores it);</item>
/// <item>dense reference: outputs × inputs × 32 bits. Biases are left out of both sides.</item>
/// </list>
/// Huffman columns replace the fixed-width codes (resp. relative indices) by the optimal prefix code
/// for this layer's own histogram of those symbols.
/// </summary>
public sealed record LayerCompressionStats
{
    public required string Name { get; init; }
    public required int Inputs { get; init; }
    public required int Outputs { get; init; }
    public required long Weights { get; init; }
    public required long Kept { get; init; }
    public required long Padding { get; init; }
    public required int CodebookEntries { get; init; }
    public required int CodeBits { get; init; }
    public required int IndexBits { get; init; }
    public required int PointerBits { get; init; }
    public required long[] CodeHistogram { get; init; }
    public required long[] IndexHistogram { get; init; }

    public long Entries => Kept + Padding;
    public double Density => Weights == 0 ? 0 : (double)Kept / Weights;
    public long DenseBits => Weights * 32;
    public long CodeStorageBits => Entries * CodeBits;
    public long IndexStorageBits => Entries * IndexBits;
    public long PointerStorageBits => (long)(Inputs + 1) * PointerBits;
    public long CodebookStorageBits => (long)CodebookEntries * 32;
    public long TotalBits => CodeStorageBits + IndexStorageBits + PointerStorageBits + CodebookStorageBits;
    public long HuffmanCodeBits => HuffmanCode.TotalBits(CodeHistogram);
    public long HuffmanIndexBits => HuffmanCode.TotalBits(IndexHistogram);
    public long TotalBitsHuffman => HuffmanCodeBits + HuffmanIndexBits + PointerStorageBits + CodebookStorageBits;
    /// <summary>Bits per kept weight spent on codes (padding included).</summary>
    public double BitsPerWeight => Kept == 0 ? 0 : (double)CodeStorageBits / Kept;
    public double BitsPerIndex => Kept == 0 ? 0 : (double)IndexStorageBits / Kept;
    public double Ratio => TotalBits == 0 ? double.PositiveInfinity : (double)DenseBits / TotalBits;
    public double RatioHuffman =>
        TotalBitsHuffman == 0 ? double.PositiveInfinity : (double)DenseBits / TotalBitsHuffman;

    public static LayerCompressionStats Measure(CzLayer layer, int codeBits, int indexBits = 4)
    {
        var coding = new EntryCoding(codeBits, indexBits);
        var codeHist = new long[1 << codeBits];
        var indexHist = new long[1 << indexBits];
        long padding = 0;
        for (int col = 0; col < layer.Inputs; col++)
        {
            int previous = -1;
            for (int k = layer.IndPtr[col]; k < layer.IndPtr[col + 1]; k++)
            {
                int gap = layer.Indices[k] - previous - 1;
                int pads = coding.PaddingEntriesFor(gap);
                padding += pads;
                codeHist[coding.Code(coding.PaddingEntry)] += pads;
                indexHist[coding.MaxZ] += pads;
                codeHist[layer.Codes[k]]++;
                indexHist[coding.RemainingZ(gap)]++;
                previous = layer.Indices[k];
            }
        }
        long entries = layer.NonZeros + padding;
        return new LayerCompressionStats
        {
            Name = layer.Name, Inputs = layer.Inputs, Outputs = layer.Outputs,
            Weights = (long)layer.Inputs * layer.Outputs, Kept = layer.NonZeros, Padding = padding,
            CodebookEntries = layer.Codebook.Length, CodeBits = codeBits, IndexBits = indexBits,
            PointerBits = entries < 65536 ? 16 : 32,
            CodeHistogram = codeHist, IndexHistogram = indexHist,
        };
    }
}
