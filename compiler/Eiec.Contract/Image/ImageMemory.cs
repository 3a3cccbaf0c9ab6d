namespace Eiec.Contract.Image;

/// <summary>
/// One memory image file: <c>$readmemh</c>-ready, one word per line, <see cref="Width"/> bits as
/// ceil(Width/4) lowercase hex digits, exactly <see cref="Depth"/> lines (padded with zeros to the
/// memory's full depth so simulators see no uninitialised words). Only the first <see cref="Used"/>
/// lines carry data; readers may stop there.
/// </summary>
public sealed record ImageMemory
{
    /// <summary>Memory kind: layers, codebook, spmat, ptr_even, ptr_odd, bias.</summary>
    public required string Kind { get; init; }
    /// <summary>PE index, or null for a global memory.</summary>
    public int? Pe { get; init; }
    /// <summary>Path relative to the image directory.</summary>
    public required string File { get; init; }
    public required int Width { get; init; }
    public required int Depth { get; init; }
    public required int Used { get; init; }
}
