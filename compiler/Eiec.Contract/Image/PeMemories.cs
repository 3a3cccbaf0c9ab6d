namespace Eiec.Contract.Image;

/// <summary>The used contents of one PE's memories (the files pad them with zeros to full depth).</summary>
public sealed class PeMemories
{
    /// <summary>Sparse-matrix words, entry slot s in bits [s·EntryBits +: EntryBits].</summary>
    public required ulong[] Spmat { get; init; }
    /// <summary>Even pointer bank: pointers 0, 2, 4, ... of every layer, at the layer's ptr_base.</summary>
    public required uint[] PtrEven { get; init; }
    /// <summary>Odd pointer bank: pointers 1, 3, 5, ...</summary>
    public required uint[] PtrOdd { get; init; }
    /// <summary>Bias of local row r of layer l at bias_base(l) + r, Q-format like activations.</summary>
    public required short[] Bias { get; init; }

    /// <summary>Pointer i of a layer whose pointers start at bank row <paramref name="ptrBase"/>.</summary>
    public uint Pointer(int ptrBase, int i) => (i & 1) == 0 ? PtrEven[ptrBase + (i >> 1)] : PtrOdd[ptrBase + (i >> 1)];
}
