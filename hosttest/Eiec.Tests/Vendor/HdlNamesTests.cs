using System.Text.RegularExpressions;
using Eiec.Contract.Diagnostics;
using Eiec.Hdl;
using Eiec.Tests.Support;

namespace Eiec.Tests.Vendor;

/// <summary>The per-build prefix: whole names only, every module and macro, the default unchanged.</summary>
public partial class HdlNamesTests
{
    [Fact]
    public void Should_prefix_whole_module_and_macro_names_only_When_applied()
    {
        var names = new HdlNames("p_");
        const string text = "`include \"eie_config.vh\"\n`include \"other.vh\"\n" +
            "eie_pe u_eie_pe (.x(eie_pe_idle)); // eie_pe and `EIE_PES, not `EIE_PES_X or EIEC_TRACE\n";

        var result = names.Apply(text, new HashSet<string> { "eie_pe" }, new HashSet<string> { "EIE_PES" },
            new HashSet<string> { "eie_config.vh" });

        result.Should().Be("`include \"p_eie_config.vh\"\n`include \"other.vh\"\n" +
            "p_eie_pe u_eie_pe (.x(eie_pe_idle)); // p_eie_pe and `p_EIE_PES, not `EIE_PES_X or EIEC_TRACE\n");
    }

    [Fact]
    public void Should_leave_no_unprefixed_module_or_macro_When_generated_with_a_prefix()
    {
        var plain = VerilogGenerator.Generate(Images.Small(3), "plain");
        var files = VerilogGenerator.Generate(Images.Small(3), "prefixed", "cfgB_");
        // Names found in the plain output itself, not taken from the generator's lists.
        var modules = plain.SelectMany(f => ModuleDeclaration().Matches(f.Text)).Select(m => m.Groups[1].Value)
            .ToHashSet();
        var macros = plain.SelectMany(f => MacroDefinition().Matches(f.Text)).Select(m => m.Groups[1].Value)
            .ToHashSet();
        modules.Should().Contain(["eie_top", "eie_pe", "eie_sram_1r1w"]);
        macros.Should().Contain(["EIE_CONFIG_VH", "EIE_PES", "EIE_ACT_BITS"]);

        // Verilog files are renamed; the file list, the C header and regmap.json are not part of the design's
        // namespace and keep their names.
        files.Select(f => f.Name).Should().Equal(plain.Select(f =>
            f.Name.EndsWith(".v", StringComparison.Ordinal) || f.Name.EndsWith(".vh", StringComparison.Ordinal)
                ? "cfgB_" + f.Name : f.Name));
        foreach (var f in files.Where(f => f.Name.EndsWith(".v", StringComparison.Ordinal) ||
                                           f.Name.EndsWith(".vh", StringComparison.Ordinal)))
        {
            // The provenance lines name the embedded template the file came from, which keeps its plain name.
            var code = string.Join('\n', f.Text.Split('\n')
                .Where(l => !l.StartsWith(VerilogGenerator.ProvenancePrefix, StringComparison.Ordinal)));
            var identifiers = Identifier().Matches(code).Select(m => m.Value).ToList();
            identifiers.Should().NotContain(i => modules.Contains(i) || macros.Contains(i),
                $"every module and macro name in {f.Name} carries the prefix");
        }
        var header = files.Single(f => f.Name == "cfgB_eie_config.vh").Text;
        header.Should().Contain("`ifndef cfgB_EIE_CONFIG_VH\n`define cfgB_EIE_CONFIG_VH\n");
        MacroDefinition().Matches(header).Select(m => m.Groups[1].Value)
            .Should().OnlyContain(n => n.StartsWith("cfgB_EIE_", StringComparison.Ordinal));
        files.Single(f => f.Name == "files.f").Text.Split('\n')
            .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal))
            .Should().OnlyContain(l => l.StartsWith("cfgB_eie_", StringComparison.Ordinal))
            .And.Contain("cfgB_eie_top.v").And.EndWith("cfgB_eie_axi_top.v");
        files.Where(f => f.Name.EndsWith(".v", StringComparison.Ordinal))
            .Should().OnlyContain(f => f.Text.Contains($"module {Path.GetFileNameWithoutExtension(f.Name)}"));
    }

    [Fact]
    public void Should_generate_the_plain_names_When_the_prefix_is_empty()
    {
        var files = VerilogGenerator.Generate(Images.Small(2), "x", "");

        files.Select(f => f.Name).Should().Contain(["eie_config.vh", "eie_top.v", "files.f"]);
        files.Single(f => f.Name == "eie_top.v").Text.Should().Contain("module eie_top");
        // The design's top is the AXI wrapper (what a vendor flow synthesizes and packages as IP).
        VerilogGenerator.Top().Should().Be("eie_axi_top");
        VerilogGenerator.Top("cfgA_").Should().Be("cfgA_eie_axi_top");
    }

    [Theory]
    [InlineData("9a")]
    [InlineData("a-b")]
    [InlineData("a b")]
    [InlineData("$x")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void Should_refuse_a_prefix_When_it_cannot_begin_a_verilog_name(string prefix)
    {
        var act = () => new HdlNames(prefix);

        act.Should().Throw<EiecException>().WithMessage($"--prefix '{prefix}': *");
    }

    [GeneratedRegex(@"^\s*module\s+([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Multiline)]
    private static partial Regex ModuleDeclaration();

    [GeneratedRegex(@"`define\s+([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex MacroDefinition();

    [GeneratedRegex(@"(?<![A-Za-z0-9_$])[A-Za-z_][A-Za-z0-9_$]*")]
    private static partial Regex Identifier();
}
