using System.Globalization;
using System.Text;

namespace Eiec.Contract.Config;

/// <summary>
/// The settable fields of <see cref="AccelConfig"/>, in declaration order: the keys a config file may set, the
/// fields `eiec sweep --field` varies and what <see cref="ToYaml"/> (hence <see cref="ConfigHash"/>) writes.
/// An explicit table rather than reflection over the record's properties, so that the Native AOT build
/// (`make aot`) needs no reflection metadata; a test checks it lists exactly the record's init properties.
/// </summary>
public static class AccelConfigFields
{
    public static IReadOnlyList<AccelConfigField> All { get; } =
    [
        IntField("pes", c => c.Pes, (c, v) => c with { Pes = v }),
        IntField("fifo_depth", c => c.FifoDepth, (c, v) => c with { FifoDepth = v }),
        DoubleField("clock_mhz", c => c.ClockMhz, (c, v) => c with { ClockMhz = v }),
        IntField("word_bits", c => c.WordBits, (c, v) => c with { WordBits = v }),
        IntField("pointer_bits", c => c.PointerBits, (c, v) => c with { PointerBits = v }),
        IntField("code_bits", c => c.CodeBits, (c, v) => c with { CodeBits = v }),
        IntField("index_bits", c => c.IndexBits, (c, v) => c with { IndexBits = v }),
        IntField("activation_bits", c => c.ActivationBits, (c, v) => c with { ActivationBits = v }),
        IntField("weight_bits", c => c.WeightBits, (c, v) => c with { WeightBits = v }),
        IntField("accumulator_bits", c => c.AccumulatorBits, (c, v) => c with { AccumulatorBits = v }),
        IntField("spmat_sram_bytes", c => c.SpmatSramBytes, (c, v) => c with { SpmatSramBytes = v }),
        IntField("pointer_sram_bytes", c => c.PointerSramBytes, (c, v) => c with { PointerSramBytes = v }),
        IntField("activation_sram_bytes", c => c.ActivationSramBytes, (c, v) => c with { ActivationSramBytes = v }),
        IntField("bias_entries", c => c.BiasEntries, (c, v) => c with { BiasEntries = v }),
        IntField("max_layers", c => c.MaxLayers, (c, v) => c with { MaxLayers = v }),
        IntField("stream_bits", c => c.StreamBits, (c, v) => c with { StreamBits = v }),
        new("spmat_memory", typeof(MemoryKind), c => c.SpmatMemory, (c, v) => c with { SpmatMemory = (MemoryKind)v }),
    ];

    /// <summary>
    /// The fields as YAML, one <c>key: value</c> line each: byte for byte what YamlDotNet's serializer wrote for
    /// them before (integers in decimal, doubles in the shortest round-trip "G" form), so every configuration
    /// hash stays the same; a test compares the two. A memory kind is written only when it is not the default
    /// (block), so that configurations from before the key keep their hash.
    /// </summary>
    public static string ToYaml(AccelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var text = new StringBuilder();
        foreach (var f in All)
        {
            if (f.Get(config) is MemoryKind.Block) continue;
            var value = f.Get(config) switch
            {
                int i => i.ToString(CultureInfo.InvariantCulture),
                double d => d.ToString("G", CultureInfo.InvariantCulture),
                MemoryKind m => MemoryKinds.Name(m),
                var other => throw new InvalidOperationException(
                    $"config field '{f.Name}' is a {other.GetType().Name}"),
            };
            text.Append(f.Name).Append(": ").Append(value).Append('\n');
        }
        return text.ToString();
    }

    private static AccelConfigField IntField(
        string name, Func<AccelConfig, int> get, Func<AccelConfig, int, AccelConfig> with)
        => new(name, typeof(int), c => get(c), (c, v) => with(c, (int)v));

    private static AccelConfigField DoubleField(
        string name, Func<AccelConfig, double> get, Func<AccelConfig, double, AccelConfig> with)
        => new(name, typeof(double), c => get(c), (c, v) => with(c, (double)v));
}
