using System.Text;

namespace Eiec.Hdl.Vendor;

/// <summary>
/// A FuseSoC CAPI2 core (rtl/TOP.core) listing the generated sources in files.f order with the header as
/// an include file, and targets for Verilator lint, Yosys and the vendor flows written with it. Paths are
/// relative to rtl/, where the core file sits.
/// </summary>
public static class FuseSocCore
{
    public static string FileName(VendorDesign design) => design.Top + ".core";

    public static GeneratedFile File(VendorDesign d, IReadOnlyList<VendorTarget> targets)
    {
        bool vivado = targets.Contains(VendorTarget.Vivado), quartus = targets.Contains(VendorTarget.Quartus);
        var t = new StringBuilder("CAPI=2:\n");
        t.Append(d.Header(FileName(d), "#", nameof(FuseSocCore)));
        t.Append($"""
            name: eiec:eie:{d.Top}:0.1
            description: EIE sparse neural-network accelerator, {d.Pes} PEs, {d.Mhz} MHz (eiec, config {d.ConfigName})

            filesets:
              rtl:
                files:

            """);
        foreach (var header in d.IncludeHeaders) t.Append($"      - {header}: {{is_include_file: true}}\n");
        foreach (var source in d.Sources) t.Append($"      - {source}\n");
        t.Append("    file_type: verilogSource\n");
        if (vivado)
            t.Append($"  vivado:\n    files:\n      - {VivadoFlow.Directory}/{VivadoFlow.Constraints(d)}\n" +
                "    file_type: xdc\n");
        if (quartus)
            t.Append($"  quartus:\n    files:\n      - {QuartusFlow.Directory}/{QuartusFlow.Constraints(d)}\n" +
                "    file_type: SDC\n");
        // Every target passes MEM_DIR when the top has it; FuseSoC sets a parameter only when it is given.
        var parameters = d.HasMemDir ? "\n    parameters: [MEM_DIR]" : "";
        t.Append($"""

            targets:
              default:
                filesets: [rtl]
                toplevel: {d.Top}{parameters}
              lint:
                default_tool: verilator
                filesets: [rtl]
                toplevel: {d.Top}
                tools:
                  verilator:
                    mode: lint-only
                    verilator_options: [-Wall]
              synth:
                default_tool: yosys
                filesets: [rtl]
                toplevel: {d.Top}{parameters}
                tools:
                  yosys:
                    arch: xilinx

            """);
        if (vivado)
            t.Append($"""
                  vivado:
                    default_tool: vivado
                    filesets: [rtl, vivado]
                    toplevel: {d.Top}{parameters}
                    tools:
                      vivado:
                        part: {d.Part}

                """);
        if (quartus)
            t.Append($"""
                  quartus:
                    default_tool: quartus
                    filesets: [rtl, quartus]
                    toplevel: {d.Top}{parameters}
                    tools:
                      quartus:
                        family: {d.Family}
                        device: {d.Device}

                """);
        if (d.HasMemDir)
            t.Append("""

                parameters:
                  MEM_DIR:
                    datatype: str
                    description: directory of the image's memory files (mem/*.hex), ending in '/'; absolute is safest
                    paramtype: vlogparam

                """);
        return new GeneratedFile(FileName(d), t.ToString());
    }
}
