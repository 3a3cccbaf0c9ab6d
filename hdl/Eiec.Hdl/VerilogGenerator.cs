using System.Security.Cryptography;
using System.Text;
using Eiec.Contract.Config;
using Eiec.Contract.Image;

namespace Eiec.Hdl;

/// <summary>
/// Emits the synthesizable Verilog-2005 of the PE array for one accelerator configuration: the
/// generated header <c>eie_config.vh</c> (every parameter as a `define), one file per module, and
/// <c>files.f</c>, the source list in compile order that lint, synthesis and the testbench read.
/// The module bodies are fixed text (embedded resources under Verilog/) parameterised only by the
/// header, so the emitter stays small; the output is deterministic (no timestamps, no paths).
/// Every file opens with a provenance header whose lines start with <see cref="ProvenancePrefix"/>.
/// The register transfers are those of docs/microarchitecture.md; see docs/rtl.md.
/// </summary>
public static class VerilogGenerator
{
    public const string ConfigHeader = "eie_config.vh";
    public const string FileList = "files.f";
    public const string TopModule = "eie_axi_top";
    /// <summary>
    /// Provenance lines (tool, config hash, template) start with this, so that tools comparing two
    /// generations (scripts/check-identical.sh) can ignore them. files.f is read by iverilog -c and
    /// verilator -f, both of which take // comments.
    /// </summary>
    public const string ProvenancePrefix = "// eiec:";

    /// <summary>
    /// The module files in compile order: every module after the modules it instantiates, the
    /// top last. This list is the one module list; files.f writes it for every other tool.
    /// </summary>
    public static readonly IReadOnlyList<string> ModuleFiles =
    [
        "eie_sram_1r1w.v", "eie_rom_sync.v", "eie_rom_comb.v", "eie_spmat_mem.v", "eie_cb_bias.v", "eie_lnzd.v",
        "eie_act_queue.v", "eie_ptr_pop.v", "eie_ptr_read.v", "eie_spmat_read.v", "eie_arith.v", "eie_act_rw.v",
        "eie_pe.v",
        "eie_ccu.v", "eie_top.v", "eie_axi_top.v",
    ];

    /// <summary>The top module's name for a prefix: the one place every flow and script takes it from.</summary>
    public static string Top(string prefix = "") => new HdlNames(prefix).Module(TopModule);

    /// <summary>The module files for a prefix, in compile order (what files.f lists).</summary>
    public static IReadOnlyList<string> Sources(string prefix = "")
    {
        var names = new HdlNames(prefix);
        return ModuleFiles.Select(names.File).ToList();
    }

    /// <summary>
    /// The RTL for <paramref name="config"/>. <paramref name="prefix"/> (empty: today's names) goes in
    /// front of every module, module file, macro and the include guard, so that two configurations
    /// can be compiled into one design (docs/rtl.md, "Two configurations in one design").
    /// </summary>
    /// <param name="outputMap">The image the RTL is written with has an output map (mem/out_map.hex,
    /// docs/balancing.md) to initialise the map from.</param>
    /// <param name="multiplier">The arithmetic unit's multiply: four partial products in logic, or one for a DSP
    /// block (docs/rtl.md, "DSP multiply"); same cycles either way.</param>
    public static IReadOnlyList<GeneratedFile> Generate(AccelConfig config, string configName, string prefix = "",
        bool outputMap = false, MultiplierKind multiplier = MultiplierKind.Logic)
    {
        ArgumentNullException.ThrowIfNull(config);
        var names = new HdlNames(prefix);
        var name = Sanitize(configName);
        var hash = ConfigHash(config);
        var parameters = new HdlParameters(config, outputMap, multiplier);
        var files = new List<GeneratedFile>
        {
            new(ConfigHeader, Header(name, ConfigHeader, hash, $"{nameof(HdlParameters)}.cs") + ConfigText(parameters)),
        };
        foreach (var file in ModuleFiles)
        {
            var template = Template(file);
            var source = $"Verilog/{file} sha256:{Sha256(template)[..16]}";
            files.Add(new GeneratedFile(file, Header(name, file, hash, source) + template));
        }
        // The register map of eie_axi_top, from its one source (Axi.AxiRegisterMap; docs/axi.md).
        files.Add(new GeneratedFile(Axi.AxiRegisterMap.VerilogHeader,
            Header(name, Axi.AxiRegisterMap.VerilogHeader, hash, "Axi/AxiRegisterMap.cs") +
            Axi.AxiRegisterMap.VerilogText()));
        files.Add(new GeneratedFile(Axi.AxiRegisterMap.CHeader,
            Header(name, Axi.AxiRegisterMap.CHeader, hash, "Axi/AxiRegisterMap.cs") +
            Axi.AxiRegisterMap.CText(config)));
        files.Add(new GeneratedFile(Axi.AxiRegisterMap.Json, Axi.AxiRegisterMap.JsonText(config)));
        files.Add(new GeneratedFile(FileList,
            Provenance(name, hash, "module list of VerilogGenerator") + FileListText()));
        // The prefix goes on last, over everything generated, so that every module, file and macro gets it.
        return names.ApplyTo(files, ModuleFiles.Select(f => Path.GetFileNameWithoutExtension(f)), FileList);
    }

    /// <summary>The configuration's identity, <see cref="Contract.Config.ConfigHash"/> (also in image.bin).</summary>
    public static string ConfigHash(AccelConfig config) => Contract.Config.ConfigHash.Of(config);

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Header(string configName, string file, string hash, string template) =>
        $"// {file}: generated by eiec from config {configName} -- do not edit.\n" +
        Provenance(configName, hash, template) +
        "// Cycle-level contract: docs/microarchitecture.md; module guide: docs/rtl.md.\n";

    private static string Provenance(string configName, string hash, string template) =>
        $"{ProvenancePrefix} tool {ImageManifest.CurrentGenerator}\n" +
        $"{ProvenancePrefix} config {configName} sha256:{hash}\n" +
        $"{ProvenancePrefix} template {template}\n";

    private static string FileListText() => string.Concat(ModuleFiles.Select(f => f + "\n"));

    private static string ConfigText(HdlParameters parameters)
    {
        var text = new StringBuilder();
        text.Append("// Every accelerator parameter and derived value the RTL uses; modules take them from here.\n");
        text.Append("`ifndef EIE_CONFIG_VH\n`define EIE_CONFIG_VH\n");
        int width = parameters.Defines.Max(d => d.Name.Length + d.Value.Length) + 1;
        foreach (var d in parameters.Defines)
        {
            var line = $"`define {d.Name} {d.Value}";
            text.Append(line.PadRight(width + "`define  ".Length)).Append(" // ").Append(d.Description).Append('\n');
        }
        text.Append("`endif\n");
        return text.ToString();
    }

    private static string Template(string file)
    {
        var assembly = typeof(VerilogGenerator).Assembly;
        var resource = $"Eiec.Hdl.Verilog.{file}";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException(
                $"embedded Verilog template '{resource}' is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }

    /// <summary>
    /// A config name fit for a one-line comment: printable ASCII only, and a path reduced to its
    /// file name so the output never depends on where the tool ran.
    /// </summary>
    internal static string Sanitize(string configName)
    {
        var name = configName ?? "";
        int slash = name.LastIndexOfAny(['/', '\\']);
        if (slash >= 0) name = name[(slash + 1)..];
        var clean = new string(name.Select(ch => ch is >= ' ' and <= '~' ? ch : '_').ToArray()).Trim();
        return clean.Length == 0 ? "(unnamed)" : clean;
    }
}
