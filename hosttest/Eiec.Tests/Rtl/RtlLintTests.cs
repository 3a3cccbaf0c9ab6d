using Eiec.Contract.Config;
using Eiec.Hdl;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>
/// The generated RTL must be clean under `verilator --lint-only -Wall`: any warning fails. The
/// few intentional exceptions are waived in the Verilog itself, each with its reason.
/// </summary>
public class RtlLintTests
{
    public static TheoryData<string, AccelConfig> Configs => new()
    {
        { "pes1-fifo1", Images.Small(1, 1) },
        { "pes3-fifo2", Images.Small(3, 2) },
        { "pes5-fifo3", Images.Small(5, 3) },
        { "pes64-paper", new AccelConfig() },
        { "pes17-wide", new AccelConfig { Pes = 17, FifoDepth = 256, WordBits = 16, CodeBits = 3, IndexBits = 5,
            PointerBits = 12, AccumulatorBits = 32, MaxLayers = 1 }.Validated() },
        { "pes2-one-entry-words",
            new AccelConfig { Pes = 2, WordBits = 8, AccumulatorBits = 63, MaxLayers = 3 }.Validated() },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void Should_pass_verilator_lint_with_all_warnings_When_generated(string name, AccelConfig config)
    {
        Lint(name, config, MultiplierKind.Logic);
    }

    /// <summary>The DSP multiply (docs/rtl.md, "DSP multiply"), the other form of eie_arith: linted too.</summary>
    [Theory]
    [InlineData("pes3-fifo2-dsp", 3)]
    [InlineData("pes64-paper-dsp", 64)]
    public void Should_pass_verilator_lint_with_all_warnings_When_generated_with_the_DSP_multiply(string name, int pes)
    {
        Lint(name, pes == 64 ? new AccelConfig() : Images.Small(pes, 2), MultiplierKind.Dsp);
    }

    private static void Lint(string name, AccelConfig config, MultiplierKind multiplier)
    {
        var dir = RtlWorkspace.NewDirectory($"lint-{name}", deleteAtExit: true);
        foreach (var f in VerilogGenerator.Generate(config, name, multiplier: multiplier))
            File.WriteAllText(Path.Combine(dir, f.Name), f.Text);
        // As hdl/scripts/lint.sh does: in the RTL directory, the sources its files.f lists.
        var args = new List<string>
        {
            "--lint-only", "-Wall", "-I.", "--top-module", VerilogGenerator.TopModule, "-f", VerilogGenerator.FileList,
        };

        var result = ExternalTool.Run("verilator", args, dir, TimeSpan.FromMinutes(5));

        (result.ExitCode == 0 && result.Output.Trim().Length == 0).Should().BeTrue(
            $"verilator -Wall must print nothing for {name}; exit {result.ExitCode}, output in {dir}:\n" +
            result.Tail(40));
        RtlWorkspace.TryDelete(dir);
    }
}
