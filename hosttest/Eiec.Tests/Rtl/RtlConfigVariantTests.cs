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
}
