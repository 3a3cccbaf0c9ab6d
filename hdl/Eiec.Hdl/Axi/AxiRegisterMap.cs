using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eiec.Contract.Config;

namespace Eiec.Hdl.Axi;

/// <summary>
/// The one register map of eie_axi_top (docs/axi.md). Everything else is generated from these tables:
/// <c>eie_regs.vh</c> (the RTL's addresses and bits), the C header <c>eie_regs.h</c> (the driver's),
/// <c>regmap.json</c> (for other tools) and the Markdown table in docs/axi.md (a test compares it).
/// </summary>
public static class AxiRegisterMap
{
    public const string VerilogHeader = "eie_regs.vh";
    public const string CHeader = "eie_regs.h";
    public const string Json = "regmap.json";
    /// <summary>AXI4-Lite address bits the wrapper decodes (a 256-byte window).</summary>
    public const int AddressBits = 8;
    /// <summary>ID_VERSION: "EI" and the register-map version; bump the low half on any change.</summary>
    public const uint IdVersion = 0x45490002;

    public static IReadOnlyList<AxiRegister> Registers { get; } =
    [
        new("CTRL", 0x00, "RW", "bit 0 START: process vectors as they arrive; bit 1 SOFT_RESET (self-clearing: " +
            "the array, the stream buffers, status and counters restart; the model memories keep their contents); " +
            "bit 2 IRQ_EN"),
        new("STATUS", 0x04, "RO", "bit 0 BUSY (the array runs or a buffer holds data), bit 1 DONE (a result's last " +
            "beat left since the last clear), bit 2 IRQ (the interrupt output), bit 3 ERROR (ERROR != 0)"),
        new("IRQ_CLEAR", 0x08, "W1C", "bit 0 clears DONE, bit 1 clears ERROR"),
        new("ERROR", 0x0C, "RO", "first error code since the last clear (ERR_* below; 0 = none)"),
        new("CYCLES", 0x10, "RO", "SCAN + WB cycles of the last vector (the core's count, as eiec sim reports)"),
        new("SPAN", 0x14, "RO", "cycles from the first input beat after reset to the last output beat so far " +
            "(one vector: its end-to-end latency; a batch: its time)"),
        new("VECTORS", 0x18, "RO", "results sent since reset"),
        new("IN_LEN", 0x1C, "RO", "activations per input vector (layer 0's inputs, from the loaded layer table)"),
        new("OUT_LEN", 0x20, "RO", "results per output vector (the last layer's outputs)"),
        new("SAT_COUNT", 0x24, "RO", "write-back rows of the last vector clamped to 32767 or -32768 (all layers; " +
            "counted in every PE's write-back stage, as eiec sim reports)"),
        new("LAYER_SEL", 0x28, "RW", "the layer LAYER_CYCLES reports (0 .. ID_MAX_LAYERS - 1)"),
        new("LAYER_CYCLES", 0x2C, "RO", "SCAN + WB cycles of layer LAYER_SEL in the latest vector that ran it " +
            "(read while idle: the next vector overwrites the value as its layer finishes)"),
        new("ID_VERSION", 0x40, "RO", $"0x{IdVersion:x8}: \"EI\" and the register-map version"),
        new("ID_HASH_LO", 0x44, "RO", "configuration hash, bits [31:0] (image.bin header word 4)"),
        new("ID_HASH_HI", 0x48, "RO", "configuration hash, bits [63:32] (image.bin header word 5)"),
        new("ID_PES", 0x4C, "RO", "processing elements"),
        new("ID_SPMAT_WORDS", 0x50, "RO", "sparse-matrix words per PE"),
        new("ID_PTR_DEPTH", 0x54, "RO", "pointers per bank per PE"),
        new("ID_BIAS_ENTRIES", 0x58, "RO", "bias entries per PE"),
        new("ID_MAX_LAYERS", 0x5C, "RO", "layer-table depth"),
        new("ID_ACT_DEPTH", 0x60, "RO", "activations per PE per buffer"),
        new("ID_STREAM_BITS", 0x64, "RO", "TDATA bits of both streams"),
        new("ID_WORD_BITS", 0x68, "RO", "sparse-matrix word bits (image.bin: 32-bit pieces per word)"),
        new("ID_CODEBOOK_DEPTH", 0x6C, "RO", "codebook entries (max layers x codebook size)"),
        new("LD_TARGET", 0x80, "W", "load path: an image.bin section's target word (PE << 16 | memory id); " +
            "restarts the word being assembled"),
        new("LD_ADDR", 0x84, "W", "load path: the word address the next LD_DATA word goes to"),
        new("LD_DATA", 0x88, "W", "load path: the next 32-bit piece of a memory word (least significant first); " +
            "the last piece writes the word (only while the array is idle) and advances LD_ADDR"),
    ];

    public static IReadOnlyList<AxiConstant> Bits { get; } =
    [
        new("CTRL_START", 0, "CTRL bit: run"),
        new("CTRL_SOFT_RESET", 1, "CTRL bit: soft reset"),
        new("CTRL_IRQ_EN", 2, "CTRL bit: interrupt enable"),
        new("STATUS_BUSY", 0, "STATUS bit: busy"),
        new("STATUS_DONE", 1, "STATUS bit: a result finished"),
        new("STATUS_IRQ", 2, "STATUS bit: interrupt output"),
        new("STATUS_ERROR", 3, "STATUS bit: an error is recorded"),
        new("CLEAR_DONE", 0, "IRQ_CLEAR bit: clear DONE"),
        new("CLEAR_ERROR", 1, "IRQ_CLEAR bit: clear ERROR"),
    ];

    public static IReadOnlyList<AxiConstant> Errors { get; } =
    [
        new("ERR_NONE", 0, "no error"),
        new("ERR_TLAST_EARLY", 1, "TLAST before a vector's last beat: the vector was completed with zeros"),
        new("ERR_TLAST_LATE", 2, "no TLAST on a vector's last beat: beats up to the next TLAST were dropped"),
        new("ERR_LOAD_BUSY", 3, "a model word was written while the array was running: dropped"),
        new("ERR_LOAD_TARGET", 4, "a model word for an unknown memory, a PE or an address outside it: dropped"),
    ];

    public static string VerilogText()
    {
        var text = new StringBuilder("// Register map of eie_axi_top (Eiec.Hdl.Axi.AxiRegisterMap; docs/axi.md).\n");
        text.Append("`ifndef EIE_REGS_VH\n`define EIE_REGS_VH\n");
        foreach (var r in Registers)
            text.Append(CultureInfo.InvariantCulture, $"`define EIE_REG_{r.Name} 8'h{r.Offset:x2}\n");
        foreach (var b in Bits) text.Append(CultureInfo.InvariantCulture, $"`define EIE_{b.Name} {b.Value}\n");
        foreach (var e in Errors) text.Append(CultureInfo.InvariantCulture, $"`define EIE_{e.Name} 4'd{e.Value}\n");
        text.Append(CultureInfo.InvariantCulture, $"`define EIE_ID_VERSION 32'h{IdVersion:x8}\n");
        return text.Append("`endif\n").ToString();
    }

    public static string CText(AccelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var text = new StringBuilder("/* Register map of eie_axi_top (Eiec.Hdl.Axi.AxiRegisterMap; docs/axi.md). */\n");
        text.Append("#ifndef EIE_REGS_H\n#define EIE_REGS_H\n");
        foreach (var r in Registers)
            text.Append(CultureInfo.InvariantCulture, $"#define EIE_REG_{r.Name} 0x{r.Offset:x2}u /* {r.Access} */\n");
        foreach (var b in Bits) text.Append(CultureInfo.InvariantCulture, $"#define EIE_{b.Name} {b.Value}u\n");
        foreach (var e in Errors) text.Append(CultureInfo.InvariantCulture, $"#define EIE_{e.Name} {e.Value}u\n");
        text.Append(CultureInfo.InvariantCulture, $"#define EIE_ID_VERSION 0x{IdVersion:x8}u\n");
        ulong hash = ConfigHash.Value(config);
        text.Append(CultureInfo.InvariantCulture, $"#define EIE_CONFIG_HASH_LO 0x{(uint)hash:x8}u\n");
        text.Append(CultureInfo.InvariantCulture, $"#define EIE_CONFIG_HASH_HI 0x{(uint)(hash >> 32):x8}u\n");
        return text.Append("#endif\n").ToString();
    }

    public static string JsonText(AccelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        // A JsonNode tree, not anonymous types: serializing it needs no reflection (Native AOT, `make aot`).
        var document = new JsonObject
        {
            ["module"] = "eie_axi_top",
            ["version"] = $"0x{IdVersion:x8}",
            ["config_hash"] = ConfigHash.Of(config),
            ["address_bits"] = AddressBits,
            ["registers"] = JsonList(Registers.Select(r => new JsonObject
            {
                ["name"] = r.Name, ["offset"] = $"0x{r.Offset:x2}", ["access"] = r.Access,
                ["description"] = r.Description,
            })),
            ["bits"] = JsonList(Bits.Select(b => new JsonObject
            {
                ["name"] = b.Name, ["bit"] = b.Value, ["description"] = b.Description,
            })),
            ["errors"] = JsonList(Errors.Select(e => new JsonObject
            {
                ["name"] = e.Name, ["code"] = e.Value, ["description"] = e.Description,
            })),
        };
        return document.ToJsonString(JsonOptions) + "\n";
    }

    private static JsonArray JsonList(IEnumerable<JsonObject> items) => new([.. items]);

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>The register table of docs/axi.md, as it must appear there.</summary>
    public static string MarkdownTable()
    {
        var text = new StringBuilder("| offset | register | access | meaning |\n|---|---|---|---|\n");
        foreach (var r in Registers)
            text.Append(CultureInfo.InvariantCulture,
                $"| 0x{r.Offset:x2} | `{r.Name}` | {r.Access} | {r.Description} |\n");
        return text.ToString();
    }
}
