namespace Eiec.Compiler.Report;

/// <summary>Storage and balance figures of one compiled layer (units in the property names).</summary>
public sealed record LayerStorageReport
{
    public required string Name { get; init; }
    public required int Inputs { get; init; }
    public required int Outputs { get; init; }
    public required long NonZeros { get; init; }
    /// <summary>Kept weights / (inputs · outputs).</summary>
    public required double WeightDensity { get; init; }
    public required long PaddingEntries { get; init; }
    /// <summary>Padding / (non-zeros + padding).</summary>
    public required double PaddingShare { get; init; }
    /// <summary>Entries + column pointers (all PEs) + codebook, bits.</summary>
    public required long EieBits { get; init; }
    public required double BitsPerNonZero { get; init; }
    public required long DenseFp32Bits { get; init; }
    /// <summary>CSR with 32-bit values and 32-bit column indices plus 32-bit row pointers.</summary>
    public required long Csr32Bits { get; init; }
    public required double CompressionVsDense { get; init; }
    public required double CompressionVsCsr32 { get; init; }
    public required long EntriesPerPeMin { get; init; }
    public required double EntriesPerPeMean { get; init; }
    public required long EntriesPerPeMax { get; init; }
    /// <summary>max / mean entries per PE (1 = perfect balance).</summary>
    public required double Imbalance { get; init; }
    public required int WeightFracBits { get; init; }
    public required int AccumulatorBitsNeeded { get; init; }
    public required long BiasSaturations { get; init; }
}
