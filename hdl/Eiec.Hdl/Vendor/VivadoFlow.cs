using System.Text;

namespace Eiec.Hdl.Vendor;

/// <summary>
/// Vivado scripts for the generated RTL: a non-project flow (vivado/build.tcl: read the sources,
/// synthesize, place, route, report, optionally write a bitstream), the clock constraint (vivado/TOP.xdc)
/// and an IP-packaging script (vivado/package_ip.tcl). Paths are found from the script's own location,
/// so the rtl/ directory can be copied anywhere; nothing absolute is written.
/// </summary>
public static class VivadoFlow
{
    public const string Directory = "vivado";
    public const string BuildScript = "build.tcl";
    public const string PackageScript = "package_ip.tcl";

    public static IReadOnlyList<GeneratedFile> Files(VendorDesign design) =>
    [
        new($"{Directory}/{BuildScript}", Build(design)),
        new($"{Directory}/{Constraints(design)}", Xdc(design)),
        new($"{Directory}/{PackageScript}", Package(design)),
    ];

    public static string Constraints(VendorDesign design) => design.Top + ".xdc";

    private static string Build(VendorDesign d)
    {
        var t = new StringBuilder(d.Header(BuildScript, "#", nameof(VivadoFlow)));
        t.Append($"""
            # Non-project Vivado flow for {d.Top} ({d.Pes} PEs, clock {d.Mhz} MHz): synthesis, placement, routing,
            # utilization and timing reports, and a bitstream on request. Run from any directory:
            #   vivado -mode batch -source rtl/vivado/{BuildScript} \
            #       [-tclargs part=P mem_dir=DIR out_dir=DIR bitstream=1]
            # Without bitstream=1 the design is implemented out of context (no I/O buffers, no pins): enough for
            # utilization and timing of the core. A bitstream needs the board's pins: pass pins_xdc=FILE.
            # Not run by eiec's CI (Vivado is not installed there); see docs/rtl.md, "Vendor flows".
            set here [file dirname [file normalize [info script]]]
            set rtl_dir [file dirname $here]
            set top {d.Top}
            set part {d.Part}
            # The image's memory files ($readmemh); the rtl/ of an `eiec build` output sits beside mem/.
            set mem_dir [file join [file dirname $rtl_dir] mem]
            set out_dir [file join [pwd] vivado-{d.Top}]
            set bitstream 0
            set pins_xdc ""

            """);
        t.Append(ArgumentParser(BuildScript, "part mem_dir out_dir bitstream pins_xdc"));
        t.Append("""
            file mkdir $out_dir

            # The sources rtl/files.f lists, in its order; their `include header comes through -include_dirs.

            """);
        foreach (var source in d.Sources) t.Append($"read_verilog [file join $rtl_dir {source}]\n");
        t.Append($$"""
            read_xdc [file join $here {{Constraints(d)}}]
            if {$pins_xdc ne ""} { read_xdc $pins_xdc }

            set mode [expr {$bitstream ? "default" : "out_of_context"}]
            {{Synth(d)}}
            opt_design
            place_design
            route_design
            report_utilization -file [file join $out_dir utilization.rpt]
            report_timing_summary -file [file join $out_dir timing_summary.rpt]
            write_checkpoint -force [file join $out_dir ${top}_routed.dcp]
            if {$bitstream} { write_bitstream -force [file join $out_dir $top.bit] }

            """);
        return t.ToString();
    }

    private static string Synth(VendorDesign d) => d.HasMemDir
        ? """
          # MEM_DIR ends in '/' and is absolute: Vivado resolves a relative $readmemh name elsewhere.
          synth_design -top $top -part $part -mode $mode -include_dirs [list $rtl_dir] \
              -generic "MEM_DIR=\"[file normalize $mem_dir]/\""
          """
        : "synth_design -top $top -part $part -mode $mode -include_dirs [list $rtl_dir]";

    private static string Xdc(VendorDesign d) =>
        d.Header(Constraints(d), "#", nameof(VivadoFlow)) +
        $"""
        # The config's clock ({d.Mhz} MHz, clock_mhz) on the top's clock port. The core's other ports are
        # left unconstrained: their timing belongs to the design that instantiates it.
        create_clock -period {d.PeriodNs} -name {d.ClockPort} [get_ports {d.ClockPort}]

        """;

    private static string Package(VendorDesign d)
    {
        var t = new StringBuilder(d.Header(PackageScript, "#", nameof(VivadoFlow)));
        t.Append($"""
            # Packages {d.Top} as a Vivado IP (IP catalog, block designs):
            #   vivado -mode batch -source rtl/vivado/{PackageScript} [-tclargs part=P mem_dir=DIR ip_dir=DIR]
            # Bus interfaces (AXI4/AXI4-Lite, AXI4-Stream, clock, reset) are inferred from the port names.
            # The memory files are packaged with the IP and MEM_DIR set to "": Vivado finds a $readmemh file
            # by name among the files added to the design. Not run by eiec's CI (docs/rtl.md, "Vendor flows").
            set here [file dirname [file normalize [info script]]]
            set rtl_dir [file dirname $here]
            set top {d.Top}
            set part {d.Part}
            set mem_dir [file join [file dirname $rtl_dir] mem]
            set ip_dir [file join [pwd] ip-{d.Top}]

            """);
        t.Append(ArgumentParser(PackageScript, "part mem_dir ip_dir"));
        t.Append("""
            create_project -force ${top}_ip [file join $ip_dir project] -part $part
            # The sources rtl/files.f lists, in its order, and the header they include.
            add_files -norecurse [list \

            """);
        foreach (var source in d.Sources) t.Append($"    [file join $rtl_dir {source}] \\\n");
        t.Append($$"""
            ]
            {{string.Join("\n", d.IncludeHeaders.Select(h => $"add_files -norecurse [file join $rtl_dir {h}]\n" +
                $"set_property file_type {{Verilog Header}} [get_files {h}]"))}}
            set_property include_dirs [list $rtl_dir] [current_fileset]
            set hex [lsort [glob -nocomplain -directory $mem_dir *.hex]]
            if {[llength $hex] > 0} { add_files -norecurse $hex }
            set_property top $top [current_fileset]
            update_compile_order -fileset [current_fileset]

            ipx::package_project -root_dir $ip_dir -vendor eiec -library eiec -taxonomy /UserIP \
                -import_files -set_current true
            set core [ipx::current_core]
            set_property display_name "EIE sparse NN accelerator ({{d.Pes}} PEs, {{d.Top}})" $core
            set_property description "Generated by eiec from config {{d.ConfigName}}" $core
            foreach bus {xilinx.com:interface:aximm_rtl:1.0 xilinx.com:interface:axis_rtl:1.0 \
                    xilinx.com:signal:clock_rtl:1.0 xilinx.com:signal:reset_rtl:1.0} {
                ipx::infer_bus_interfaces $bus $core
            }
            set mem_param [ipx::get_user_parameters MEM_DIR -of_objects $core]
            if {$mem_param ne ""} { set_property value "" $mem_param }
            ipx::create_xgui_files $core
            ipx::update_checksums $core
            ipx::check_integrity $core
            ipx::save_core $core
            close_project

            """);
        return t.ToString();
    }

    /// <summary>
    /// TCL that takes key=value arguments (vivado -tclargs, quartus_sh -t) for the variables named, and
    /// refuses anything else with a one-line error.
    /// </summary>
    internal static string ArgumentParser(string script, string keys)
    {
        var list = "{" + keys + "}";
        return $$"""
        foreach arg $argv {
            if {![regexp {^([a-z_]+)=(.*)$} $arg -> key value] || $key ni {{list}}} {
                error "{{script}}: unknown argument '$arg' (expected key=value, key one of: {{keys}})"
            }
            set $key $value
        }

        """;
    }
}
