using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;

namespace Eiec.Tests.Config;

public class AccelConfigTests
{
    [Fact]
    public void Should_have_the_paper_defaults_When_nothing_is_given()
    {
        var c = new AccelConfig().Validated();
        (c.Pes, c.FifoDepth, c.ClockMhz, c.WordBits, c.PointerBits, c.CodeBits, c.IndexBits)
            .Should().Be((64, 8, 800.0, 64, 16, 4, 4));
        c.EntriesPerWord.Should().Be(8);
        c.SpmatWords.Should().Be(16384);           // 128 KB / 8 bytes
        c.PointerBankDepth.Should().Be(8192);      // 32 KB / 2 bytes / 2 banks
        c.ActivationDepth.Should().Be(512);        // 2 KB / 2 bytes / 2 buffers
        c.SpmatAddrBits.Should().Be(14);
        c.MaxRelativeIndex.Should().Be(15);
    }

    [Fact]
    public void Should_read_snake_case_yaml_When_wrapped_or_not()
    {
        var a = AccelConfigLoader.Parse("pes: 16\nfifo_depth: 4\nclock_mhz: 200\n", "a.yaml");
        var b = AccelConfigLoader.Parse("accelerator:\n  pes: 16\n  fifo_depth: 4\n  clock_mhz: 200\n", "b.yaml");
        a.Should().Be(b);
        (a.Pes, a.FifoDepth, a.ClockMhz).Should().Be((16, 4, 200.0));
        AccelConfigLoader.Parse(AccelConfigLoader.ToYaml(a), "round-trip").Should().Be(a);
    }

    [Theory]
    [InlineData("pez: 4\n", "a.yaml: unknown accelerator config key(s) 'pez'*")]
    [InlineData("pes: 0\n", "a.yaml: invalid configuration: pes = 0 is out of range [1, 256]*")]
    [InlineData("pes: 300\nfifo_depth: 0\n", "*pes = 300 is out of range*fifo_depth = 0 is out of range*")]
    [InlineData("code_bits: 3\nindex_bits: 4\n", "*word_bits = 64 must hold a power-of-two number of 7-bit entries*")]
    [InlineData("pes: [1, 2\n", "a.yaml: malformed accelerator config at line*")]
    [InlineData("pes: many\n", "a.yaml: malformed accelerator config*")]
    [InlineData("just a sentence\n", "a.yaml: an accelerator config must be a mapping of keys*")]
    public void Should_give_one_clear_error_When_the_yaml_is_bad(string yaml, string message)
    {
        var act = () => AccelConfigLoader.Parse(yaml, "a.yaml");
        act.Should().Throw<EiecException>().WithMessage(message);
    }

    [Fact]
    public void Should_apply_and_validate_overrides_When_flags_are_given()
    {
        var c = AccelConfigLoader.WithOverrides(new AccelConfig(), pes: 3, fifoDepth: 2, clockMhz: 250);
        (c.Pes, c.FifoDepth, c.ClockMhz).Should().Be((3, 2, 250.0));
        var act = () => AccelConfigLoader.WithOverrides(new AccelConfig(), pes: 1000);
        act.Should().Throw<EiecException>().WithMessage("command-line options: invalid configuration: pes = 1000*");
    }
}
