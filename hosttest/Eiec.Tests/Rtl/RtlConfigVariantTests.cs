using Eiec.Contract.Config;
using Eiec.FrontEnd.Gen;

namespace Eiec.Tests.Rtl;

/// <summary>
/// The RTL is driven only by the configuration: unusual entry, word, pointer and accumulator widths
/// must still match the golden model bit for bit.
/// </summary>
public class RtlConfigVariantTests
{
    private static AccelConfig Variant(int pes, int fifo, int wordBits, int codeBits, int indexBits, int pointerBits,
        int accBits) => new AccelConfig
        {
            Pes = pes, FifoDepth = fifo, WordBits = wordBits, CodeBits = codeBits, IndexBits = indexBits,
            PointerBits = pointerBits, AccumulatorBits = accBits,
            SpmatSramBytes = 8 * 1024, PointerSramBytes = 2 * 1024, ActivationSramBytes = 1024,
            BiasEntries = 256, MaxLayers = 3,
        }.Validated();

    // name, pes, fifo, word bits, code bits, index bits, pointer bits, accumulator bits
    public static TheoryData<string, int, int, int, int, int, int, int> Variants => new()
    {
        { "one-entry-words", 3, 2, 8, 4, 4, 16, 48 },
        { "two-entry-words-3bit-codes", 5, 4, 16, 3, 5, 12, 40 },
        { "16bit-entries-8bit-codes", 4, 8, 64, 8, 8, 16, 48 },
        { "4bit-entries-lots-of-padding", 2, 1, 32, 2, 2, 14, 63 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Should_equal_the_golden_model_When_the_configuration_changes_entry_and_word_widths(
        string name, int pes, int fifo, int wordBits, int codeBits, int indexBits, int pointerBits, int accBits)
    {
        var config = Variant(pes, fifo, wordBits, codeBits, indexBits, pointerBits, accBits);
        var model = RandomModel.Create(new RandomModelSpec
        {
            Dims = [70, 90, 40, 15], WeightDensity = [0.12], Seed = pes * 7 + wordBits, Bias = true,
            CodebookSize = 1 << codeBits,
        });
        var inputs = new[] { RtlInputs.Random(70, 0.6, 1), RtlInputs.Dense(70, 2) };
        RtlCheck.AgainstGolden($"variant-{name}", model, config, inputs);
    }

    /// <summary>
    /// spmat_memory: spram: no $readmemh contents, so the bench (hosttest/tb/eie_tb.v) writes every PE's
    /// sparse matrix over the load bus after INIT; the outputs and cycles must be those of a block-RAM build.
    /// A 32-bit word takes two SPRAMs side by side; 80 KiB per PE, two banks of 16K words.
    /// </summary>
    [Theory]
    [InlineData(2, 16, 4096)]
    [InlineData(3, 32, 80 * 1024)]
    public void Should_equal_the_golden_model_When_the_sparse_matrix_is_in_SPRAM_loaded_over_the_load_bus(
        int pes, int wordBits, int spmatBytes)
    {
        var config = Variant(pes, 4, wordBits, 4, 4, 16, 48) with
        {
            SpmatMemory = MemoryKind.Spram, SpmatSramBytes = spmatBytes,
        };
        config.SpmatSpramBlocks.Should().Be(wordBits / 16 * (spmatBytes * 8 / wordBits + 16383) / 16384);
        var model = RandomModel.Create(new RandomModelSpec
        {
            Dims = [70, 90, 40, 15], WeightDensity = [0.12], Seed = pes * 5 + wordBits, Bias = true, CodebookSize = 16,
        });
        var inputs = new[] { RtlInputs.Random(70, 0.6, 1), RtlInputs.Dense(70, 2) };
        RtlCheck.AgainstGolden($"spram-{pes}-{wordBits}", model, config.Validated(), inputs);
    }
}
