using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Eiec.Hdl;
using Eiec.Hdl.Axi;
using Eiec.Tests.Support;

namespace Eiec.Tests.Rtl;

/// <summary>The register map's three emitted forms and the docs agree with the one table and with the RTL.</summary>
public partial class AxiRegisterMapTests
{
    [GeneratedRegex(@"^`define EIE_REG_(\w+) 8'h([0-9a-f]{2})$", RegexOptions.Multiline)]
    private static partial Regex VerilogDefine();

    [GeneratedRegex(@"^#define EIE_REG_(\w+) 0x([0-9a-f]{2})u", RegexOptions.Multiline)]
    private static partial Regex CDefine();

    private static Dictionary<string, int> Parse(Regex regex, string text) =>
        regex.Matches(text).ToDictionary(m => m.Groups[1].Value,
            m => int.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    [Fact]
    public void Should_give_the_same_offsets_in_the_verilog_header_c_header_json_and_docs()
    {
        var files = VerilogGenerator.Generate(Images.Small(4), "t").ToDictionary(f => f.Name, f => f.Text);
        var verilog = Parse(VerilogDefine(), files[AxiRegisterMap.VerilogHeader]);
        var c = Parse(CDefine(), files[AxiRegisterMap.CHeader]);
        using var json = JsonDocument.Parse(files[AxiRegisterMap.Json]);
        var fromJson = json.RootElement.GetProperty("registers").EnumerateArray().ToDictionary(
            r => r.GetProperty("name").GetString()!,
            r => Convert.ToInt32(r.GetProperty("offset").GetString(), 16));
        verilog.Should().HaveCount(AxiRegisterMap.Registers.Count);
        c.Should().BeEquivalentTo(verilog);
        fromJson.Should().BeEquivalentTo(verilog);
        // Offsets are word-aligned, distinct and inside the decoded window.
        verilog.Values.Should().OnlyHaveUniqueItems().And.OnlyContain(o => o % 4 == 0 && o < 256);
        // The RTL decodes every register by its define.
        var top = files["eie_axi_top.v"];
        foreach (var name in verilog.Keys) top.Should().Contain($"`EIE_REG_{name}", name);
        // The table in docs/axi.md is the generated one.
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "axi.md")).Replace("\r\n", "\n");
        doc.Should().Contain(AxiRegisterMap.MarkdownTable());
        // The configuration hash in the C header is the one image.bin carries.
        ulong hash = Eiec.Contract.Config.ConfigHash.Value(Images.Small(4));
        files[AxiRegisterMap.CHeader].Should().Contain($"#define EIE_CONFIG_HASH_LO 0x{(uint)hash:x8}u");
    }
}
