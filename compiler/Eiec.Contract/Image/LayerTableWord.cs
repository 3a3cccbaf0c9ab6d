namespace Eiec.Contract.Image;

/// <summary>
/// One word of the layer-table ROM, and the one place its layout is defined: eight 32-bit fields
/// (field 0 least significant), the flags field's bits and the width of its F field. The compiler
/// encodes with <see cref="Encode"/>, the image reader, golden model and simulator decode with
/// <see cref="Decode"/>, and the HDL generator emits these constants into eie_config.vh, from which
/// eie_top.v slices the word (docs/image-format.md, "Layer table fields").
/// </summary>
public readonly record struct LayerTableWord(
    int Inputs, int Outputs, int PtrBase, int SpmatBase, int BiasBase,
    bool Relu, bool Last, int WeightFracBits, int Groups, int RowsPerPe, bool OutputMap = false)
{
    /// <summary>Bits of one field; the RTL does its address arithmetic at this width.</summary>
    public const int FieldBits = 32;
    /// <summary>Fields per word.</summary>
    public const int Fields = 8;
    /// <summary>Bits of one word (the layer-table ROM's width).</summary>
    public const int Bits = Fields * FieldBits;

    // Field order, field 0 least significant.
    public const int InputsField = 0;
    public const int OutputsField = 1;
    public const int PtrBaseField = 2;
    public const int SpmatBaseField = 3;
    public const int BiasBaseField = 4;
    public const int FlagsField = 5;
    public const int GroupsField = 6;
    public const int RowsPerPeField = 7;

    // Bits of the flags field.
    public const int ReluBit = 0;
    public const int LastBit = 1;
    /// <summary>Set on the last layer of a row-balanced image: OUT takes element i from the PE the output map
    /// names (docs/balancing.md); clear: from PE i mod N.</summary>
    public const int OutputMapBit = 2;
    public const int WeightFracShift = 8;
    /// <summary>Width of F (the weight fraction bits) in the flags field.</summary>
    public const int WeightFracFieldBits = 5;
    public const uint WeightFracMask = (1u << WeightFracFieldBits) - 1;

    /// <summary>The word as its eight fields, field 0 first.</summary>
    public uint[] Encode()
    {
        var fields = new uint[Fields];
        fields[InputsField] = (uint)Inputs;
        fields[OutputsField] = (uint)Outputs;
        fields[PtrBaseField] = (uint)PtrBase;
        fields[SpmatBaseField] = (uint)SpmatBase;
        fields[BiasBaseField] = (uint)BiasBase;
        fields[FlagsField] = (Relu ? 1u << ReluBit : 0) | (Last ? 1u << LastBit : 0)
                             | (OutputMap ? 1u << OutputMapBit : 0)
                             | ((uint)WeightFracBits & WeightFracMask) << WeightFracShift;
        fields[GroupsField] = (uint)Groups;
        fields[RowsPerPeField] = (uint)RowsPerPe;
        return fields;
    }

    /// <summary>Reads a word given as its fields (as <see cref="HexFile.ReadFields"/> returns them).</summary>
    public static LayerTableWord Decode(ReadOnlySpan<uint> fields)
    {
        if (fields.Length != Fields)
            throw new ArgumentException($"a layer-table word has {Fields} fields, not {fields.Length}", nameof(fields));
        uint flags = fields[FlagsField];
        return new LayerTableWord(
            (int)fields[InputsField], (int)fields[OutputsField], (int)fields[PtrBaseField],
            (int)fields[SpmatBaseField], (int)fields[BiasBaseField],
            Relu: (flags >> ReluBit & 1) != 0, Last: (flags >> LastBit & 1) != 0,
            WeightFracBits: (int)(flags >> WeightFracShift & WeightFracMask),
            Groups: (int)fields[GroupsField], RowsPerPe: (int)fields[RowsPerPeField],
            OutputMap: (flags >> OutputMapBit & 1) != 0);
    }
}
