using Eiec.Contract.Config;

namespace Eiec.Contract.Image;

/// <summary>
/// A compiled image: the manifest plus the contents of every memory. Consumers obtain it from
/// <see cref="ImageReader.Read"/> (i.e. from the files on disk), never from the compiler in memory.
/// </summary>
public sealed class CompiledImage
{
    public required ImageManifest Manifest { get; init; }
    /// <summary>Layer-table words as eight 32-bit fields each, [layer][field].</summary>
    public required uint[][] LayerTable { get; init; }
    /// <summary>Codebook ROM: value of code v of layer l at l · CodebookSize + v.</summary>
    public required short[] Codebook { get; init; }
    /// <summary>Per-PE memories, index = PE.</summary>
    public required PeMemories[] Pes { get; init; }
    /// <summary>
    /// The output map of a row-balanced image (docs/balancing.md): element i of the last layer's outputs is on
    /// PE OutputMap[i], local row i / N. Null: on PE i mod N (no map in the image).
    /// </summary>
    public int[]? OutputMap { get; init; }

    /// <summary>The last layer's outputs in index order (what OUT streams) from its written-back slots, where
    /// slot s is PE s mod N, local row s / N.</summary>
    public short[] OutputOrder(short[] slots) => OutputMapping.Apply(slots, OutputMap, Config.Pes);

    public AccelConfig Config => Manifest.Accelerator;
    public IReadOnlyList<ImageLayer> Layers => Manifest.Layers;
}
