using System.Text;

namespace Eiec.Hdl.Vendor;

/// <summary>
/// Quartus Prime scripts for the generated RTL: a compile flow (quartus/build.tcl: project, sources,
/// synthesis, fit, timing analysis, optionally the assembler) and the clock constraint (quartus/TOP.sdc).
/// Like the Vivado flow, paths come from the script's own location.
/// </summary>
public static class QuartusFlow
{
    public const string Directory = "quartus";
    public const string BuildScript = "build.tcl";

    public static IReadOnlyList<GeneratedFile> Files(VendorDesign design) =>
    [
        new($"{Directory}/{BuildScript}", Build(design)),
        new($"{Directory}/{Constraints(design)}", Sdc(design)),
    ];

    public static string Constraints(VendorDesign design) => design.Top + ".sdc";

    private static string Build(VendorDesign d)
    {
        var t = new StringBuilder(d.Header(BuildScript, "#", nameof(QuartusFlow)));
        t.Append($$"""
            # Quartus Prime flow for {{d.Top}} ({{d.Pes}} PEs, clock {{d.Mhz}} MHz): analysis and synthesis, fitter,
            # timing analyzer, and the assembler on request. Run from any directory:
            #   quartus_sh -t rtl/quartus/{{BuildScript}} [device=D family=F mem_dir=DIR out_dir=DIR bitstream=1]
            # Without bitstream=1 every port but the clock is a virtual pin, so the core fits any package and
            # the reports give its resources and Fmax. Reports: out_dir/{{d.Top}}.fit.summary and .sta.summary.
            # Not run by eiec's CI (Quartus is not installed there); see docs/rtl.md, "Vendor flows".
            package require ::quartus::project
            package require ::quartus::flow
            set here [file dirname [file normalize [info script]]]
            set rtl_dir [file dirname $here]
            set top {{d.Top}}
            set device {{d.Device}}
            set family "{{d.Family}}"
            # The image's memory files ($readmemh); the rtl/ of an `eiec build` output sits beside mem/.
            set mem_dir [file join [file dirname $rtl_dir] mem]
            set out_dir [file join [pwd] quartus-{{d.Top}}]
            set bitstream 0
            # quartus_sh -t hands the script's arguments over in quartus(args).
            if {[info exists quartus(args)]} { set argv $quartus(args) }

            """);
        t.Append(VivadoFlow.ArgumentParser(BuildScript, "device family mem_dir out_dir bitstream"));
        t.Append("""
            file mkdir $out_dir
            cd $out_dir
            project_new -overwrite -revision $top $top
            set_global_assignment -name FAMILY $family
            set_global_assignment -name DEVICE $device
            set_global_assignment -name TOP_LEVEL_ENTITY $top
            # The sources rtl/files.f lists, in its order; their `include header is found through SEARCH_PATH.

            """);
        foreach (var source in d.Sources)
            t.Append($"set_global_assignment -name VERILOG_FILE [file join $rtl_dir {source}]\n");
        t.Append($$"""
            set_global_assignment -name SEARCH_PATH $rtl_dir
            set_global_assignment -name SDC_FILE [file join $here {{Constraints(d)}}]
            {{(d.HasMemDir ? MemDir : "# The top has no MEM_DIR parameter.")}}
            if {!$bitstream} {
                set_instance_assignment -name VIRTUAL_PIN ON -to *
                set_instance_assignment -name VIRTUAL_PIN OFF -to {{d.ClockPort}}
            }
            export_assignments
            execute_module -tool map
            execute_module -tool fit
            execute_module -tool sta
            if {$bitstream} { execute_module -tool asm }
            project_close

            """);
        return t.ToString();
    }

    private const string MemDir =
        """
        # MEM_DIR ends in '/' and is absolute: $readmemh names are resolved against the project directory.
        set_parameter -name MEM_DIR "[file normalize $mem_dir]/"
        """;

    private static string Sdc(VendorDesign d) =>
        d.Header(Constraints(d), "#", nameof(QuartusFlow)) +
        $$"""
        # The config's clock ({{d.Mhz}} MHz, clock_mhz) on the top's clock port.
        create_clock -name {{d.ClockPort}} -period {{d.PeriodNs}} [get_ports {{{d.ClockPort}}}]
        derive_clock_uncertainty

        """;
}
