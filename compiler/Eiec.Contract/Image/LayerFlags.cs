namespace Eiec.Contract.Image;

/// <summary>Bit layout of the layer table's <c>flags</c> field (see docs/microarchitecture.md).</summary>
public static class LayerFlags
{
    public const int ReluBit = 0;
    public const int LastBit = 1;
    public const int WeightFracShift = 8;
    public const int WeightFracMask = 0x1F;

    public static uint Pack(bool relu, bool last, int weightFracBits)
        => (relu ? 1u << ReluBit : 0) | (last ? 1u << LastBit : 0) | ((uint)weightFracBits & WeightFracMask) << WeightFracShift;
}
