using System.Numerics;
using System.Text.Json.Serialization;
using Eiec.Contract.Diagnostics;

namespace Eiec.Contract.Config;

/// <summary>
/// The one typed accelerator configuration. Every width, depth and derived value used by the
/// compiler, golden model, simulator and Verilog generator comes from here; nothing restates them.
/// Defaults are the EIE paper's (Han et al., ISCA 2016): 64 PEs, 800 MHz, queue depth 8, 64-bit
/// sparse-matrix words, 4-bit codes and relative indices, 16-bit pointers and fixed point.
/// </summary>
public sealed record AccelConfig
{
    /// <summary>Number of processing elements; row i of every layer lives on PE i mod Pes.</summary>
    public int Pes { get; init; } = 64;
    /// <summary>Activation-queue (FIFO) depth per PE, entries.</summary>
    public int FifoDepth { get; init; } = 8;
    /// <summary>Clock frequency, MHz. Used only for reports (latency, throughput, power).</summary>
    public double ClockMhz { get; init; } = 800;
    /// <summary>Sparse-matrix SRAM word width, bits (one read returns WordBits/EntryBits entries).</summary>
    public int WordBits { get; init; } = 64;
    /// <summary>Column-pointer width, bits. Pointers are relative to a layer's first entry in the PE.</summary>
    public int PointerBits { get; init; } = 16;
    /// <summary>Codebook-index width, bits (codebook has 2^CodeBits entries; entry 0 is 0.0).</summary>
    public int CodeBits { get; init; } = 4;
    /// <summary>Relative row-index (zero-run) width, bits.</summary>
    public int IndexBits { get; init; } = 4;
    /// <summary>Activation fixed-point width, bits (signed).</summary>
    public int ActivationBits { get; init; } = 16;
    /// <summary>Codebook value fixed-point width, bits (signed).</summary>
    public int WeightBits { get; init; } = 16;
    /// <summary>Accumulator width, bits (signed). The compiler proves every layer fits.</summary>
    public int AccumulatorBits { get; init; } = 48;
    /// <summary>Sparse-matrix SRAM per PE, bytes (paper: 128 KB).</summary>
    public int SpmatSramBytes { get; init; } = 128 * 1024;
    /// <summary>Pointer SRAM per PE, bytes, both banks together (paper: 32 KB).</summary>
    public int PointerSramBytes { get; init; } = 32 * 1024;
    /// <summary>Activation SRAM per PE, bytes: source and destination buffers together (paper: 2 KB).</summary>
    public int ActivationSramBytes { get; init; } = 2 * 1024;
    /// <summary>Bias memory per PE, entries of ActivationBits (all layers together).</summary>
    public int BiasEntries { get; init; } = 1024;
    /// <summary>Maximum number of layers in one compiled network (layer-table and codebook ROM depth).</summary>
    public int MaxLayers { get; init; } = 16;
    /// <summary>TDATA bits of eie_axi_top's activation and result streams (2 or 4 packed activations).</summary>
    public int StreamBits { get; init; } = 64;
    /// <summary>
    /// What each PE's sparse-matrix memory is built from: <c>block</c> (default) or <c>spram</c>, the iCE40
    /// UltraPlus SPRAMs, loaded over the load bus (they cannot be initialised). Not written to image.json or
    /// the configuration hash's YAML at its default, so configurations without it keep their hash.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(JsonStringEnumConverter<MemoryKind>))]
    public MemoryKind SpmatMemory { get; init; } = MemoryKind.Block;

    // ---- Derived values: computed here and nowhere else. ----

    /// <summary>Bits per sparse-matrix entry: code plus relative index.</summary>
    public int EntryBits => Entries.Bits;
    /// <summary>Entries per sparse-matrix word.</summary>
    public int EntriesPerWord => WordBits / EntryBits;
    /// <summary>log2(EntriesPerWord): entry address → word address shift.</summary>
    public int EntriesPerWordLog2 => BitOperations.Log2((uint)EntriesPerWord);
    /// <summary>Codebook entries per layer.</summary>
    public int CodebookSize => 1 << CodeBits;
    /// <summary>Largest zero run one entry can express; longer runs need padding entries.</summary>
    public int MaxRelativeIndex => Entries.MaxZ;
    /// <summary>Largest pointer value (entries per layer per PE must not exceed it).</summary>
    public long MaxPointer => (1L << PointerBits) - 1;
    /// <summary>Sparse-matrix words per PE.</summary>
    public int SpmatWords => (int)(SpmatSramBytes * 8L / WordBits);
    /// <summary>Entries per PE the sparse-matrix SRAM holds.</summary>
    public long SpmatEntries => (long)SpmatWords * EntriesPerWord;
    /// <summary>Depth of each pointer bank (even and odd), pointers.</summary>
    public int PointerBankDepth => (int)(PointerSramBytes * 8L / PointerBits / 2);
    /// <summary>Depth of each activation buffer (source, destination) and of the accumulator file, per PE.</summary>
    public int ActivationDepth => (int)(ActivationSramBytes * 8L / ActivationBits / 2);
    /// <summary>Address widths (at least 1 bit so a Verilog port is never [-1:0]).</summary>
    public int SpmatAddrBits => AddrBits(SpmatWords);
    public int PointerAddrBits => AddrBits(PointerBankDepth);
    public int ActivationAddrBits => AddrBits(ActivationDepth);
    public int BiasAddrBits => AddrBits(BiasEntries);
    public int LayerAddrBits => AddrBits(MaxLayers);
    public int PeIndexBits => AddrBits(Pes);
    /// <summary>Activation-queue read/write pointer bits.</summary>
    public int FifoPointerBits => AddrBits(FifoDepth);
    /// <summary>Activation-queue count bits (0 .. FifoDepth).</summary>
    public int FifoCountBits => AddrBits(FifoDepth + 1L);
    /// <summary>Bits of an entry's slot within its word (at least 1).</summary>
    public int SlotBits => Math.Max(1, EntriesPerWordLog2);
    /// <summary>Group / write-back row counter bits (0 .. ActivationDepth).</summary>
    public int GroupCounterBits => AddrBits(ActivationDepth + 1L);
    /// <summary>Codebook ROM address bits (MaxLayers × CodebookSize values).</summary>
    public int CodebookAddrBits => AddrBits(CodebookDepth);
    /// <summary>
    /// Write-back intermediate acc + (bias &lt;&lt; F) + rounding, signed bits: the wider of the
    /// accumulator and a bias shifted by the largest F (31), plus a carry bit and a sign bit.
    /// </summary>
    public int WriteBackBits =>
        Math.Max(AccumulatorBits, ActivationBits + FixedPoint.FixedPointMath.MaxWeightFracBits) + 2;
    /// <summary>Largest layer dimension (inputs or outputs) the array can hold: depth × PEs.</summary>
    public long MaxLayerDim => (long)ActivationDepth * Pes;
    /// <summary>
    /// Bits for a row or column number of any layer that fits (EIE_COL_BITS). Not <see cref="IndexBits"/>,
    /// the relative (zero-run) index stored in each entry. image.json keeps its earlier key, index_width,
    /// so that images stay byte-identical across the rename.
    /// </summary>
    [JsonPropertyName("index_width")]
    public int RowColumnBits => AddrBits((int)Math.Min(int.MaxValue, MaxLayerDim + 1));

    // Derived values added after image format version 1: [JsonIgnore] keeps image.json (which lists
    // the derived values above, checked on read by ImageValidator) byte-identical to earlier builds.

    /// <summary>
    /// Regions of each PE's activation RAM: act0 and act1 (sized by activation_sram_bytes) and the input slots
    /// in0 and in1, which LOAD fills with the next vector while the current one computes
    /// (docs/microarchitecture.md, Storage). One RAM, the region in the top two address bits.
    /// </summary>
    public const int ActivationRegions = 4;
    /// <summary>Words of each PE's activation RAM: every region padded to 2^ActivationAddrBits.</summary>
    [JsonIgnore] public int ActivationRamDepth => ActivationRegions << ActivationAddrBits;

    /// <summary>The entry layout and the padding rule.</summary>
    [JsonIgnore] public EntryCoding Entries => new(CodeBits, IndexBits);
    /// <summary>Output-map depth (docs/balancing.md): one PE index per output the last layer can have.</summary>
    [JsonIgnore] public int OutMapDepth => (int)Math.Min(int.MaxValue, MaxLayerDim);
    /// <summary>Codebook ROM depth: MaxLayers × CodebookSize (layer l, code v at l · CodebookSize + v).</summary>
    [JsonIgnore] public int CodebookDepth => MaxLayers * CodebookSize;
    /// <summary>
    /// Each PE keeps its codebook copy and its bias memory in one RAM (never read in the same cycle:
    /// docs/microarchitecture.md, Storage): bias entry b at b, codebook value a at this base + a. A multiple
    /// of 2^CodebookAddrBits at or above BiasEntries, so a codebook address is a concatenation.
    /// </summary>
    [JsonIgnore]
    public int CodebookBiasBase => (int)((BiasEntries + (1L << CodebookAddrBits) - 1)
        >> CodebookAddrBits << CodebookAddrBits);
    /// <summary>Depth of the combined codebook and bias RAM.</summary>
    [JsonIgnore] public int CodebookBiasDepth => CodebookBiasBase + CodebookDepth;
    /// <summary>Width of the combined codebook and bias RAM: the wider of a codebook value and a bias.</summary>
    [JsonIgnore] public int CodebookBiasBits => Math.Max(WeightBits, ActivationBits);
    /// <summary>SB_SPRAM256KA blocks per PE for the sparse matrix with spmat_memory: spram (16K x 16 each).</summary>
    [JsonIgnore]
    public int SpmatSpramBlocks => SpmatMemory == MemoryKind.Spram
        ? WordBits / SpramBits * (int)((SpmatWords + (long)SpramWords - 1) / SpramWords) : 0;
    /// <summary>SB_SPRAM256KA geometry: 16,384 words of 16 bits.</summary>
    public const int SpramWords = 16384, SpramBits = 16;
    /// <summary>Levels of the control unit's 4-ary leading-non-zero detection tree: ceil(log4 Pes), >= 1.</summary>
    [JsonIgnore]
    public int LnzdLevels
    {
        get
        {
            int levels = 1;
            for (long span = 4; span < Pes; span *= 4) levels++;
            return levels;
        }
    }

    /// <summary>Bits of the signed product codebook value × activation.</summary>
    [JsonIgnore] public int ProductBits => WeightBits + ActivationBits;

    /// <summary>
    /// Arithmetic pipeline stages after the issue cycle (E1 decode, E2 and E3 multiply, E4 add).
    /// </summary>
    public const int ArithStages = 4;

    /// <summary>
    /// Write-back: cycles from a row's accumulator read to its activation write, one per requantizer
    /// stage (docs/microarchitecture.md, WB). WB(l) takes rows_per_pe + this many cycles.
    /// </summary>
    public const int WriteBackLatency = 4;

    /// <summary>Activation groups the control unit scans for <paramref name="inputs"/>: ceil(inputs / Pes).</summary>
    public int Groups(int inputs) => (int)((inputs + (long)Pes - 1) / Pes);
    /// <summary>Local rows per PE of a layer of <paramref name="outputs"/>: ceil(outputs / Pes).</summary>
    public int RowsPerPe(int outputs) => (int)((outputs + (long)Pes - 1) / Pes);
    /// <summary>Rows of each pointer bank a layer uses: its inputs + 1 pointers alternate between the banks.</summary>
    public static int PointerRows(int inputs) => (inputs + 2) / 2;
    /// <summary>Sparse-matrix words that hold <paramref name="entries"/> entries.</summary>
    public long SpmatWordsFor(long entries) => (entries + EntriesPerWord - 1) / EntriesPerWord;

    public static int AddrBits(long depth) => depth <= 2 ? 1 : 64 - BitOperations.LeadingZeroCount((ulong)(depth - 1));

    /// <summary>Checks every field and their combinations; throws one message listing all problems.</summary>
    public AccelConfig Validated(string source = "accelerator config")
    {
        var errors = new List<string>();
        void Range(string name, long value, long min, long max)
        {
            if (value < min || value > max) errors.Add($"{name} = {value} is out of range [{min}, {max}]");
        }
        Range("pes", Pes, 1, 256);
        Range("fifo_depth", FifoDepth, 1, 256);
        if (!(ClockMhz > 0 && ClockMhz <= 10000)) errors.Add($"clock_mhz = {ClockMhz} must be in (0, 10000]");
        Range("code_bits", CodeBits, 1, 8);
        Range("index_bits", IndexBits, 1, 8);
        Range("word_bits", WordBits, 8, 64);
        Range("pointer_bits", PointerBits, 4, 31);
        Range("activation_bits", ActivationBits, 16, 16);
        Range("weight_bits", WeightBits, 16, 16);
        Range("accumulator_bits", AccumulatorBits, 32, 63);
        Range("max_layers", MaxLayers, 1, 1024);
        Range("spmat_sram_bytes", SpmatSramBytes, 8, 1 << 30);
        Range("pointer_sram_bytes", PointerSramBytes, 4, 1 << 30);
        Range("activation_sram_bytes", ActivationSramBytes, 4, 1 << 30);
        Range("bias_entries", BiasEntries, 1, 1 << 24);
        if (StreamBits is not (32 or 64)) errors.Add($"stream_bits = {StreamBits} must be 32 or 64");
        if (errors.Count == 0)
        {
            if (WordBits % EntryBits != 0 || !BitOperations.IsPow2(EntriesPerWord))
                errors.Add($"word_bits = {WordBits} must hold a power-of-two number of {EntryBits}-bit entries " +
                    "(code_bits + index_bits)");
            if (SpmatSramBytes * 8L % WordBits != 0)
                errors.Add($"spmat_sram_bytes = {SpmatSramBytes} is not a whole number of {WordBits}-bit words");
            if (PointerBankDepth < 1) errors.Add($"pointer_sram_bytes = {PointerSramBytes} holds no pointer per bank");
            if (SpmatMemory == MemoryKind.Spram && WordBits % SpramBits != 0)
                errors.Add($"spmat_memory = spram needs word_bits = {WordBits} to be a multiple of {SpramBits} " +
                    "(the SPRAM's width)");
            if (ActivationDepth < 1)
                errors.Add($"activation_sram_bytes = {ActivationSramBytes} holds no activation per buffer");
        }
        if (errors.Count > 0)
            throw new EiecException($"{source}: invalid configuration: {string.Join("; ", errors)}");
        return this;
    }
}
