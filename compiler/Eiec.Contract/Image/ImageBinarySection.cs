namespace Eiec.Contract.Image;

/// <summary>One section of image.bin: <see cref="Words"/> (memory words, not 32-bit pieces) written from
/// <see cref="Address"/> in memory <see cref="Memory"/> of PE <see cref="Pe"/> (null: every PE, or the
/// control unit).</summary>
public sealed record ImageBinarySection(int Memory, int? Pe, int Address, ulong[] Words);
