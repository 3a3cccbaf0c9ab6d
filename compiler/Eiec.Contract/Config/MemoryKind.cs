using System.Text.Json.Serialization;

namespace Eiec.Contract.Config;

/// <summary>
/// What a per-PE model memory is built from (<see cref="AccelConfig.SpmatMemory"/>). Config files spell the
/// values in lower case, as image.json does.
/// </summary>
public enum MemoryKind
{
    /// <summary>Inferred block RAM (any FPGA; an ASIC's SRAM), initialised from the image's $readmemh file.</summary>
    [JsonStringEnumMemberName("block")] Block = 0,
    /// <summary>
    /// iCE40 UltraPlus single-port RAM (SB_SPRAM256KA, 16K x 16 each): no initial contents, so the model is
    /// loaded over the load bus (docs/axi.md) before the first run.
    /// </summary>
    [JsonStringEnumMemberName("spram")] Spram = 1,
}
