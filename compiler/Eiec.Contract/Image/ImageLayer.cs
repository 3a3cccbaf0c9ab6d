using System.Text.Json.Serialization;

namespace Eiec.Contract.Image;

/// <summary>
/// One layer of the compiled image as the manifest records it. The layer-table word the hardware reads
/// is built from these fields (<see cref="TableWord"/>); the rest is for tools and reports.
/// </summary>
public sealed record ImageLayer
{
    public required int Index { get; init; }
    public required string Name { get; init; }
    public required int Inputs { get; init; }
    public required int Outputs { get; init; }
    /// <summary>"relu" or "none".</summary>
    public required string Activation { get; init; }
    public required bool HasBias { get; init; }
    /// <summary>F: fraction bits of this layer's 16-bit codebook values.</summary>
    public required int WeightFracBits { get; init; }
    /// <summary>First pointer-bank row of this layer (same in every PE).</summary>
    public required int PtrBase { get; init; }
    /// <summary>First sparse-matrix word of this layer (same in every PE).</summary>
    public required int SpmatBase { get; init; }
    /// <summary>Words reserved for this layer in every PE: the most any PE uses.</summary>
    public required int SpmatWords { get; init; }
    /// <summary>First bias-memory entry of this layer (same in every PE).</summary>
    public required int BiasBase { get; init; }
    /// <summary>ceil(Inputs / PEs): activation groups the control unit scans.</summary>
    public required int Groups { get; init; }
    /// <summary>ceil(Outputs / PEs): local rows each PE writes back.</summary>
    public required int RowsPerPe { get; init; }
    /// <summary>Stored weights (non-zeros), padding excluded.</summary>
    public required long NonZeros { get; init; }
    /// <summary>Padding entries inserted for zero runs longer than the relative index can express.</summary>
    public required long Padding { get; init; }
    /// <summary>Accumulator bits this layer needs in the worst case (signed).</summary>
    public required int AccumulatorBitsNeeded { get; init; }
    /// <summary>Biases that did not fit 16 bits and were clamped.</summary>
    public required long BiasSaturations { get; init; }
    /// <summary>Entries (non-zeros + padding) per PE, index = PE.</summary>
    public required long[] EntriesPerPe { get; init; }

    [JsonIgnore] public bool Relu => Activation == "relu";

    /// <summary>This layer's layer-table word (<paramref name="last"/>: the network's last layer;
    /// <paramref name="outputMap"/>: the image has an output map, flagged on the last layer).</summary>
    public LayerTableWord TableWord(bool last, bool outputMap = false) =>
        new(Inputs, Outputs, PtrBase, SpmatBase, BiasBase, Relu, last, WeightFracBits, Groups, RowsPerPe,
            last && outputMap);

    /// <summary>The fields of this layer's layer-table word, field 0 first.</summary>
    public uint[] TableFields(bool last, bool outputMap = false) => TableWord(last, outputMap).Encode();
}
