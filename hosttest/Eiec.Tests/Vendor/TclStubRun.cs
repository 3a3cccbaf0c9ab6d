using Eiec.Tests.Rtl;

namespace Eiec.Tests.Vendor;

/// <summary>
/// Runs a generated vendor script under plain tclsh with every Vivado/Quartus command replaced by a stub
/// that prints its name and arguments: the script's own TCL (paths from its location, argument parsing,
/// loops, conditions) really runs, and the test sees exactly which files, top and options the tool would get.
/// </summary>
public sealed class TclStubRun
{
    /// <summary>Each stubbed command with the value it returns (what the scripts use of the real one).</summary>
    private static readonly (string Name, string Result)[] Stubs =
    [
        ("read_verilog", ""), ("read_xdc", ""), ("synth_design", ""), ("opt_design", ""), ("place_design", ""),
        ("route_design", ""), ("report_utilization", ""), ("report_timing_summary", ""), ("write_checkpoint", ""),
        ("write_bitstream", ""), ("create_project", ""), ("add_files", ""), ("set_property", ""),
        ("get_files", "header"), ("current_fileset", "sources_1"), ("update_compile_order", ""),
        ("ipx::package_project", ""), ("ipx::current_core", "core"), ("ipx::infer_bus_interfaces", ""),
        ("ipx::get_user_parameters", "MEM_DIR"), ("ipx::create_xgui_files", ""), ("ipx::update_checksums", ""),
        ("ipx::check_integrity", ""), ("ipx::save_core", ""), ("close_project", ""), ("project_new", ""),
        ("set_global_assignment", ""), ("set_instance_assignment", ""), ("set_parameter", ""),
        ("export_assignments", ""), ("execute_module", ""), ("project_close", ""),
    ];

    /// <summary>The stubbed calls in order: command name and its arguments as TCL words.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Args)> Calls { get; }

    public ProcessResult Result { get; }

    private TclStubRun(ProcessResult result, IReadOnlyList<(string, IReadOnlyList<string>)> calls)
    {
        Result = result;
        Calls = calls;
    }

    /// <summary>Runs <paramref name="script"/> in <paramref name="workDir"/> with key=value arguments.</summary>
    public static TclStubRun Run(string script, string workDir, params string[] args)
    {
        var wrapper = Path.Combine(workDir, "stubs.tcl");
        var text = new System.Text.StringBuilder();
        // The Quartus packages do not exist in tclsh; every other `package require` is left alone.
        text.Append("rename package tcl_package\n");
        text.Append("proc package {sub args} {\n" +
                    "    if {$sub eq \"require\" && [string match ::quartus::* [lindex $args 0]]} { return 1.0 }\n" +
                    "    tcl_package $sub {*}$args\n}\n");
        text.Append("namespace eval ipx {}\n");
        text.Append("proc stub {name result} {\n" +
                    "    proc $name args [string map [list @N@ $name @R@ [list $result]] " +
                    "{puts \"CALL @N@\"; foreach a $args { puts \"ARG $a\" }; return @R@}]\n}\n");
        foreach (var (name, value) in Stubs) text.Append($"stub {name} {{{value}}}\n");
        text.Append("set script [lindex $argv 0]\nset argv [lrange $argv 1 end]\nset argc [llength $argv]\n");
        text.Append("source $script\nputs STUB_END\n");
        File.WriteAllText(wrapper, text.ToString());
        var result = ExternalTool.Run("tclsh", [wrapper, script, .. args], workDir, TimeSpan.FromMinutes(1));
        var calls = new List<(string, IReadOnlyList<string>)>();
        foreach (var line in result.Stdout.Split('\n'))
        {
            if (line.StartsWith("CALL ", StringComparison.Ordinal)) calls.Add((line[5..], new List<string>()));
            else if (line.StartsWith("ARG ", StringComparison.Ordinal) && calls.Count > 0)
                ((List<string>)calls[^1].Item2).Add(line[4..]);
        }
        return new TclStubRun(result, calls);
    }

    /// <summary>The argument lists of every call of <paramref name="name"/>.</summary>
    public IEnumerable<IReadOnlyList<string>> Of(string name) => Calls.Where(c => c.Name == name).Select(c => c.Args);

    /// <summary>The value following <paramref name="flag"/> in one call's arguments.</summary>
    public static string Flag(IReadOnlyList<string> args, string flag)
    {
        int i = args.ToList().IndexOf(flag);
        if (i < 0 || i + 1 >= args.Count)
            throw new InvalidOperationException($"no {flag} in [{string.Join(' ', args)}]");
        return args[i + 1];
    }
}
