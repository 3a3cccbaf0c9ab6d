using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;

namespace Eiec.Tests.Config;

/// <summary>Config errors name the file, the line and the key (issue 11).</summary>
public class AccelConfigLoaderTests
{
    [Theory]
    [InlineData("pes: 4\nfifo_depth: 2\npes: 8\n",
        "a.yaml: key 'pes' appears twice, at line 1 and line 3; keep one*")]
    [InlineData("accelerator:\n  pes: 4\n  spmat_sram_byte: 8192\n",
        "a.yaml: unknown accelerator config key(s) 'spmat_sram_byte' at line 3 " +
        "(did you mean 'spmat_sram_bytes'?)*")]
    [InlineData("pes: 4\nfifo_deph: 2\n",
        "a.yaml: unknown accelerator config key(s) 'fifo_deph' at line 2 (did you mean 'fifo_depth'?)*")]
    [InlineData("clock_mhz: 100\n\npes: 0\n",
        "a.yaml: invalid configuration: pes = 0 is out of range [1, 256] (key 'pes' at line 3)")]
    [InlineData("pes: 4\nfifo_depth: many\n",
        "a.yaml: malformed accelerator config at line 2, key 'fifo_depth': 'many' is not an integer")]
    [InlineData("pes: 4\nfifo_depth:\n",
        "a.yaml: malformed accelerator config at line 2, key 'fifo_depth': the key has no value")]
    [InlineData("pes: 99999999999\n",
        "*line 1, key 'pes': '99999999999' is not an integer in ?-2147483648, 2147483647?")]
    [InlineData("pes: 4\nactivation_sram_bytes: 1073741824\n",
        "a.yaml: activation_sram_bytes = 1073741824 at line 2 exceeds the limit of 16777216 bytes per PE*")]
    [InlineData("bias_entries: 16777216\n",
        "a.yaml: bias_entries = 16777216 at line 1 exceeds the limit of 1048576 entries*")]
    public void Should_name_the_line_and_key_When_a_config_is_wrong(string yaml, string message)
    {
        var act = () => AccelConfigLoader.Parse(yaml, "a.yaml");
        act.Should().Throw<EiecException>().WithMessage(message);
    }

    [Fact]
    public void Should_read_the_bundled_example_and_an_empty_file_unchanged()
    {
        var example = AccelConfigLoader.Load(Path.Combine(Support.RepoPaths.Root, "examples", "accel.yaml"));
        (example.Pes, example.SpmatSramBytes, example.MaxLayers, example.ClockMhz).Should().Be((16, 16384, 8, 800.0));
        AccelConfigLoader.Parse("", "empty").Should().Be(new AccelConfig());
        AccelConfigLoader.Parse("# only a comment\n", "comment").Should().Be(new AccelConfig());
    }

    [Fact]
    public void Should_suggest_nothing_When_no_key_is_close()
    {
        var act = () => AccelConfigLoader.Parse("frobnication_level: 3\n", "a.yaml");
        act.Should().Throw<EiecException>().Which.Message.Should().NotContain("did you mean");
    }
}
