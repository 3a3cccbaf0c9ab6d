namespace Eiec.Contract.Image;

/// <summary>What <see cref="ImageBinaryReader"/> found in a valid image.bin: the header's fields and the
/// sections in file order.</summary>
public sealed class ImageBinaryContents
{
    public required ulong ConfigHash { get; init; }
    public required string Model { get; init; }
    public required int Layers { get; init; }
    public required int Inputs { get; init; }
    public required int Outputs { get; init; }
    public required int ActivationFracBits { get; init; }
    public required IReadOnlyList<ImageBinarySection> Sections { get; init; }
}
