namespace Eiec.Tests.Rtl;

/// <summary>The RTL tests fail, never skip, when a tool is missing, and say what to install.</summary>
public class ExternalToolTests
{
    [Theory]
    [InlineData("iverilog")]
    [InlineData("vvp")]
    [InlineData("verilator")]
    public void Should_fail_naming_the_package_When_a_tool_is_not_on_PATH(string tool)
    {
        var act = () => ExternalTool.Require(tool, "/nonexistent-eiec-dir");
        act.Should().Throw<InvalidOperationException>()
            .WithMessage($"*'{tool}' was not found on PATH*never skip*apt-get install " +
                $"{(tool == "verilator" ? "verilator" : "iverilog")}*");
    }

    [Fact]
    public void Should_find_the_HDL_tools_When_the_machine_is_set_up()
    {
        // The RTL suite needs all three; this states it once, plainly, instead of in every case.
        foreach (var tool in new[] { "iverilog", "vvp", "verilator" })
            File.Exists(ExternalTool.Require(tool)).Should().BeTrue();
    }
}
