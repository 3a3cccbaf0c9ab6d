using Eiec.Contract.Config;
using Eiec.Contract.Image;

namespace Eiec.Hdl;

/// <summary>
/// Every parameter the Verilog needs, as (macro name, value, description), computed from one
/// <see cref="AccelConfig"/> and the image layout of the contract (<see cref="LayerTableWord"/>,
/// <see cref="ImageFiles"/>): every value is derived there, this class only names them for Verilog.
/// </summary>
public sealed class HdlParameters
{
    public IReadOnlyList<HdlDefine> Defines { get; }

    public HdlParameters(AccelConfig config, bool outputMap = false, MultiplierKind multiplier = MultiplierKind.Logic)
    {
        var c = config.Validated();
        // The kind suffix of a per-PE file name: what follows "pe000_".
        string memFile(string kind) =>
            Path.GetFileName(ImageFiles.PeMemory(0, kind))[(ImageFiles.PeFilePrefix.Length + 4)..];
        int peAddressBits = new[]
        {
            c.SpmatAddrBits, c.PointerAddrBits, c.BiasAddrBits, c.CodebookAddrBits, c.LayerAddrBits,
        }.Max();
        var list = new List<HdlDefine>
        {
            new HdlDefine("EIE_PES", I(c.Pes), "processing elements N; row i of every layer lives on PE i mod N"),
            new HdlDefine("EIE_PE_BITS", I(c.PeIndexBits), "bits of a PE index"),
            new HdlDefine("EIE_FIFO_DEPTH", I(c.FifoDepth), "activation-queue depth D, pairs"),
            new HdlDefine("EIE_FIFO_PTR_BITS", I(c.FifoPointerBits), "activation-queue read/write pointer bits"),
            new HdlDefine("EIE_FIFO_COUNT_BITS", I(c.FifoCountBits), "activation-queue count bits (0 .. D)"),
            new HdlDefine("EIE_WORD_BITS", I(c.WordBits), "sparse-matrix SRAM word, bits"),
            new HdlDefine("EIE_ENTRY_BITS", I(c.EntryBits), "sparse-matrix entry {z, v}, bits"),
            new HdlDefine("EIE_ENTRIES_PER_WORD", I(c.EntriesPerWord), "entries per sparse-matrix word (EPW)"),
            new HdlDefine("EIE_EPW_LOG2", I(c.EntriesPerWordLog2), "log2(EPW): entry address to word address shift"),
            new HdlDefine("EIE_SLOT_BITS", I(c.SlotBits), "bits of an entry's slot in its word (at least 1)"),
            new HdlDefine("EIE_CODE_BITS", I(c.CodeBits), "codebook index v, bits (low bits of an entry)"),
            new HdlDefine("EIE_INDEX_BITS", I(c.IndexBits), "relative row index z, bits (high bits of an entry)"),
            new HdlDefine("EIE_CODEBOOK_SIZE", I(c.CodebookSize), "codebook entries per layer"),
            new HdlDefine("EIE_POINTER_BITS", I(c.PointerBits), "column pointer, bits"),
            new HdlDefine("EIE_ACT_BITS", I(c.ActivationBits), "activation, bits (signed)"),
            new HdlDefine("EIE_WEIGHT_BITS", I(c.WeightBits), "codebook value, bits (signed)"),
            new HdlDefine("EIE_PRODUCT_BITS", I(c.ProductBits), "product codebook value x activation, bits (signed)"),
            new HdlDefine("EIE_ACC_BITS", I(c.AccumulatorBits), "accumulator, bits (signed)"),
            new HdlDefine("EIE_WB_BITS", I(c.WriteBackBits),
                "write-back intermediate acc + (bias << F) + rounding, bits (signed)"),
            new HdlDefine("EIE_SPMAT_DEPTH", I(c.SpmatWords), "sparse-matrix SRAM words per PE"),
            new HdlDefine("EIE_SPMAT_ADDR_BITS", I(c.SpmatAddrBits), "sparse-matrix SRAM address bits"),
            new HdlDefine("EIE_PTR_DEPTH", I(c.PointerBankDepth), "pointers per bank (even, odd) per PE"),
            new HdlDefine("EIE_PTR_ADDR_BITS", I(c.PointerAddrBits), "pointer bank address bits"),
            new HdlDefine("EIE_ACT_DEPTH", I(c.ActivationDepth),
                "activation buffer (act0, act1) and accumulator depth per PE"),
            new HdlDefine("EIE_ACT_RAM_DEPTH", I(c.ActivationRamDepth),
                "activation RAM words per PE: act0, act1, in0, in1, each 2^EIE_ACT_ADDR_BITS"),
            new HdlDefine("EIE_ACT_ADDR_BITS", I(c.ActivationAddrBits), "activation buffer / accumulator address bits"),
            new HdlDefine("EIE_GROUP_BITS", I(c.GroupCounterBits), "group / write-back row counter bits (0 .. depth)"),
            new HdlDefine("EIE_BIAS_DEPTH", I(c.BiasEntries), "bias memory entries per PE"),
            new HdlDefine("EIE_BIAS_ADDR_BITS", I(c.BiasAddrBits), "bias memory address bits"),
            new HdlDefine("EIE_MAX_LAYERS", I(c.MaxLayers), "layer-table depth"),
            new HdlDefine("EIE_LAYER_BITS", I(c.LayerAddrBits), "layer index bits"),
            new HdlDefine("EIE_CODEBOOK_DEPTH", I(c.CodebookDepth),
                "codebook ROM depth: layer * EIE_CODEBOOK_SIZE + v"),
            new HdlDefine("EIE_CODEBOOK_ADDR_BITS", I(c.CodebookAddrBits), "codebook ROM address bits"),
            new HdlDefine("EIE_CBB_CB_BASE", I(c.CodebookBiasBase),
                "codebook + bias RAM: first codebook address (bias entries below it)"),
            new HdlDefine("EIE_CBB_DEPTH", I(c.CodebookBiasDepth), "codebook + bias RAM depth per PE"),
            new HdlDefine("EIE_CBB_ADDR_BITS", I(AccelConfig.AddrBits(c.CodebookBiasDepth)),
                "codebook + bias RAM address bits"),
            new HdlDefine("EIE_CBB_BITS", I(c.CodebookBiasBits), "codebook + bias RAM width, bits"),
            new HdlDefine("EIE_COL_BITS", I(c.RowColumnBits), "bits of a column or row index of any layer that fits"),
            new HdlDefine("EIE_LNZD_LEVELS", I(c.LnzdLevels), "levels of the 4-ary leading-non-zero detection tree"),
            new HdlDefine("EIE_ARITH_STAGES", I(AccelConfig.ArithStages),
                "arithmetic pipeline stages after issue (E1 .. E4)"),
            new HdlDefine("EIE_WB_LATENCY", I(AccelConfig.WriteBackLatency),
                "write-back: cycles from a row's accumulator read to its activation write (Q1 .. Q4)"),
            new HdlDefine("EIE_LAYER_TABLE_BITS", I(LayerTableWord.Bits), "layer-table word, bits"),
            new HdlDefine("EIE_LT_FIELD_BITS", I(LayerTableWord.FieldBits),
                "layer-table field, bits; address arithmetic width"),
            new HdlDefine("EIE_LT_INPUTS", I(LayerTableWord.InputsField), "layer-table field index: inputs"),
            new HdlDefine("EIE_LT_OUTPUTS", I(LayerTableWord.OutputsField), "layer-table field index: outputs"),
            new HdlDefine("EIE_LT_PTR_BASE", I(LayerTableWord.PtrBaseField), "layer-table field index: ptr_base"),
            new HdlDefine("EIE_LT_SPMAT_BASE", I(LayerTableWord.SpmatBaseField), "layer-table field index: spmat_base"),
            new HdlDefine("EIE_LT_BIAS_BASE", I(LayerTableWord.BiasBaseField), "layer-table field index: bias_base"),
            new HdlDefine("EIE_LT_FLAGS", I(LayerTableWord.FlagsField), "layer-table field index: flags"),
            new HdlDefine("EIE_LT_GROUPS", I(LayerTableWord.GroupsField), "layer-table field index: groups"),
            new HdlDefine("EIE_LT_ROWS", I(LayerTableWord.RowsPerPeField), "layer-table field index: rows_per_pe"),
            new HdlDefine("EIE_FLAG_RELU_BIT", I(LayerTableWord.ReluBit), "flags bit: ReLU"),
            new HdlDefine("EIE_FLAG_LAST_BIT", I(LayerTableWord.LastBit), "flags bit: last layer"),
            new HdlDefine("EIE_FLAG_OUTMAP_BIT", I(LayerTableWord.OutputMapBit),
                "flags bit: OUT reads element i from PE out_map[i] (row-balanced image)"),
            new HdlDefine("EIE_OUT_MAP_DEPTH", I(c.OutMapDepth), "output map entries (one PE index per output)"),
            new HdlDefine("EIE_OUT_MAP_ADDR_BITS", I(AccelConfig.AddrBits(c.OutMapDepth)), "output map address bits"),
            new HdlDefine("EIE_FLAG_WFRAC_SHIFT", I(LayerTableWord.WeightFracShift),
                "flags bits [shift +: EIE_WFRAC_BITS]: F"),
            new HdlDefine("EIE_WFRAC_BITS", I(LayerTableWord.WeightFracFieldBits),
                "F, weight fraction bits, field width"),
            new HdlDefine("EIE_MW_ADDR_BITS", I(Math.Max(peAddressBits, AccelConfig.AddrBits(c.OutMapDepth))),
                "load bus: word address bits (the widest model-memory address)"),
            new HdlDefine("EIE_MW_PE_ADDR_BITS", I(peAddressBits),
                "load bus: address bits a PE takes (its widest model-memory address)"),
            new HdlDefine("EIE_MW_PE_DATA_BITS", I(new[] { c.WordBits, c.PointerBits, c.WeightBits, c.ActivationBits }
                .Max()), "load bus: data bits a PE takes (its widest model-memory word)"),
            new HdlDefine("EIE_AXIS_BITS", I(c.StreamBits), "eie_axi_top stream TDATA bits (stream_bits)"),
            new HdlDefine("EIE_CONFIG_HASH", $"64'h{ConfigHash.Of(c)}", "configuration hash (image.bin, ID registers)"),
            new HdlDefine("EIE_FILE_LAYERS", Q(Path.GetFileName(ImageFiles.LayerTable)), "layer-table file in MEM_DIR"),
            new HdlDefine("EIE_FILE_CODEBOOK", Q(Path.GetFileName(ImageFiles.Codebook)), "codebook file in MEM_DIR"),
            new HdlDefine("EIE_FILE_PE_PREFIX", Q(ImageFiles.PeFilePrefix),
                "per-PE files: MEM_DIR + \"pe\" + 3-digit PE index + \"_\" + kind"),
            new HdlDefine("EIE_FILE_SPMAT", Q(memFile(ImageFiles.Spmat)), "per-PE sparse-matrix file suffix"),
            new HdlDefine("EIE_FILE_PTR_EVEN", Q(memFile(ImageFiles.PtrEven)), "per-PE even pointer bank file suffix"),
            new HdlDefine("EIE_FILE_PTR_ODD", Q(memFile(ImageFiles.PtrOdd)), "per-PE odd pointer bank file suffix"),
            new HdlDefine("EIE_FILE_BIAS", Q(memFile(ImageFiles.Bias)), "per-PE bias file suffix"),
        };
        // Only when asked for, so that the header of a block-RAM configuration stays as it was.
        if (c.SpmatMemory == MemoryKind.Spram)
            list.Add(new HdlDefine("EIE_SPMAT_SPRAM", I(c.SpmatSpramBlocks),
                "spmat_memory: spram; the sparse matrix in this many SB_SPRAM256KA per PE, loaded over the load bus"));
        // Only a row-balanced image has an output map to start from; otherwise the map is loaded at run time
        // (or never used: the flag is clear).
        if (outputMap)
            list.Add(new HdlDefine("EIE_FILE_OUT_MAP", Q(Path.GetFileName(ImageFiles.OutMap)),
                "output map file in MEM_DIR"));
        // Only when asked for, like EIE_SPMAT_SPRAM: the logic multiplier's header stays as it was.
        if (multiplier == MultiplierKind.Dsp)
            list.Add(new HdlDefine("EIE_MUL_DSP", "1",
                "multiplier: dsp; one w * a between registers per PE, for a DSP block (docs/rtl.md, DSP multiply)"));
        Defines = list;
    }

    private static string I(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static string Q(string text) => $"\"{text}\"";
}
