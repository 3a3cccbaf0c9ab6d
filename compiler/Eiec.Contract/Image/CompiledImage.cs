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

    public AccelConfig Config => Manifest.Accelerator;
    public IReadOnlyList<ImageLayer> Layers => Manifest.Layers;
}
