using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Image;
using Eiec.Golden;
using Eiec.Hdl;
using Eiec.Sim;
using Eiec.Tests.Rtl;
using Eiec.Tests.Support;
using Eiec.Toolchain;

namespace Eiec.Tests.Vendor;

/// <summary>
/// Two configurations in one design: two builds with different prefixes compiled together under Icarus
/// (one testbench instantiating both tops, each with its own memories) and linted together by Verilator.
/// Without the prefix the two would declare the same modules and `defines and could not share a design.
/// Each instance runs one vector; its outputs must equal the golden model and its cycles the simulator.
/// </summary>
public partial class TwoConfigDesignTests
{
    /// <summary>The PE array's top (behind any bus wrapper), whose handshake ports this bench drives.</summary>
    private const string ArrayTop = "eie_top";

    private sealed record Instance(string Prefix, string Dir, CompiledImage Image, short[] Input);

    private static Instance BuildInstance(string root, string prefix, AccelConfig config, CzModel model, int seed)
    {
        var dir = Path.Combine(root, prefix.TrimEnd('_'));
        var cz = Path.Combine(root, prefix + "model.cz");
        CzWriter.Write(model, cz, config.CodebookSize);
        EiecToolchain.Build(cz, config, dir, RtlInputs.ActFrac, "pair-" + prefix, new RtlOptions { Prefix = prefix });
        var image = ImageReader.Read(dir);
        return new Instance(prefix, dir, image, RtlInputs.Random(image.Layers[0].Inputs, 0.6, seed));
    }

    private static (Instance A, Instance B, string Root) BuildPair()
    {
        var root = RtlWorkspace.NewDirectory("two-configs", deleteAtExit: true);
        // Different PE counts, queue depths and accumulator widths: every shared name would differ in value.
        var a = BuildInstance(root, "cfgA_", Images.Small(2, 4),
            Images.Random(31, [40, 24, 10], 0.3, bias: true), 5);
        var b = BuildInstance(root, "cfgB_", Images.Small(3, 2) with { AccumulatorBits = 40 },
            Images.Random(32, [33, 17, 6], 0.4), 6);
        return (a, b, root);
    }

    /// <summary>Every source of both builds, as paths relative to <paramref name="root"/>, in files.f order.</summary>
    private static List<string> Sources(string root, params Instance[] instances) =>
        instances.SelectMany(i => RtlImages.Sources(Path.Combine(i.Dir, ImageFiles.RtlDir))
            .Select(s => Path.GetRelativePath(root, Path.Combine(i.Dir, ImageFiles.RtlDir, s)))).ToList();

    private static IEnumerable<string> IncludeArgs(string flag, params Instance[] instances) =>
        instances.Select(i => flag + Path.Combine(i.Dir, ImageFiles.RtlDir));

    [Fact]
    public void Should_equal_golden_model_and_simulator_When_two_prefixed_configurations_share_one_icarus_design()
    {
        var (a, b, root) = BuildPair();
        foreach (var i in new[] { a, b })
            File.WriteAllLines(Path.Combine(root, i.Prefix + "input.hex"),
                i.Input.Select(v => ((ushort)v).ToString("x4", CultureInfo.InvariantCulture)));
        File.WriteAllText(Path.Combine(root, "pair_tb.v"), Testbench(a, b, root));
        var args = new List<string> { "-g2012", "-o", "pair.vvp", "-s", "pair_tb" };
        args.AddRange(IncludeArgs("-I", a, b));
        args.Add("pair_tb.v");
        args.AddRange(Sources(root, a, b));

        var compile = ExternalTool.Run("iverilog", args, root, TimeSpan.FromMinutes(5));
        compile.ExitCode.Should().Be(0, $"both prefixed RTLs must compile into one design (in {root}):\n" +
            compile.Tail());
        compile.Output.Should().NotContainAny(["warning", "error"]);
        var run = ExternalTool.Run("vvp", ["-n", "pair.vvp"], root, TimeSpan.FromMinutes(5));

        run.ExitCode.Should().Be(0, run.Tail());
        run.Output.Should().Contain("PAIR_END").And.NotContain("PAIR_ERROR").And.NotContainAny(["WARNING", "ERROR"]);
        foreach (var i in new[] { a, b })
        {
            var tag = i.Prefix.TrimEnd('_');
            var outputs = Lines(run.Output, tag + "_OUT").Select(p => checked((short)long.Parse(p[2],
                CultureInfo.InvariantCulture))).ToArray();
            var golden = GoldenModel.Run(i.Image, i.Input).Output;
            outputs.Should().Equal(golden, $"{tag}'s outputs must equal the golden model of its own image");
            long cycles = long.Parse(Lines(run.Output, tag + "_CYCLES").Single()[1], CultureInfo.InvariantCulture);
            cycles.Should().Be(Simulator.Load(i.Dir).Run(i.Input).Stats.Cycles, $"{tag}'s cycles: the simulator's");
        }
    }

    [Fact]
    public void Should_pass_verilator_lint_When_two_prefixed_configurations_are_instantiated_in_one_module()
    {
        var (a, b, root) = BuildPair();
        File.WriteAllText(Path.Combine(root, "pair_top.v"), LintTop(a, b));
        var args = new List<string> { "--lint-only", "-Wall", "--top-module", "pair_top" };
        args.AddRange(IncludeArgs("-I", a, b));
        args.Add("pair_top.v");
        args.AddRange(Sources(root, a, b));

        var result = ExternalTool.Run("verilator", args, root, TimeSpan.FromMinutes(5));

        (result.ExitCode == 0 && result.Output.Trim().Length == 0).Should().BeTrue(
            $"verilator -Wall must print nothing for the two-configuration design; exit {result.ExitCode}, " +
            $"in {root}:\n{result.Tail()}");
    }

    private static IEnumerable<string[]> Lines(string log, string tag) =>
        log.Split('\n').Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length > 0 && p[0] == tag);

    /// <summary>One port of the array top, as its generated Verilog declares it.</summary>
    private sealed record Port(string Direction, string Range, string Name);

    /// <summary>The ports this bench drives and reads by name; any other (a load bus) is tied off.</summary>
    private static readonly HashSet<string> Driven =
        ["clk", "rst_n", "start", "busy", "done", "in_valid", "in_ready", "in_data", "out_valid", "out_ready",
         "out_data", "cycles"];

    /// <summary>The array top's ports, read from the instance's generated Verilog.</summary>
    private static List<Port> Ports(Instance i)
    {
        var top = new HdlNames(i.Prefix).Module(ArrayTop);
        // Comments may say "input", "output" or even ");" (the port list's end): drop them first.
        var text = string.Join('\n', File.ReadAllLines(Path.Combine(i.Dir, ImageFiles.RtlDir, top + ".v"))
            .Select(l => l.Split("//")[0]));
        int from = text.IndexOf("module " + top, StringComparison.Ordinal);
        var header = text[from..text.IndexOf(");", text.IndexOf(") (", from, StringComparison.Ordinal),
            StringComparison.Ordinal)];
        return PortPattern().Matches(header)
            .Select(m => new Port(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();
    }

    /// <summary>A synthesizable module with both tops: what a user's design holding both would be.</summary>
    private static string LintTop(Instance a, Instance b)
    {
        var t = new StringBuilder();
        t.Append($"`include \"{a.Prefix}eie_config.vh\"\n`include \"{b.Prefix}eie_config.vh\"\n");
        var ports = new List<string> { "input wire clk", "input wire rst_n", "input wire start" };
        foreach (var i in new[] { a, b })
            ports.AddRange(Ports(i).Where(p => p.Name is not ("clk" or "rst_n" or "start"))
                .Select(p => $"{p.Direction} wire {p.Range} {Tag(i)}_{p.Name}"));
        t.Append("module pair_top (\n    ").Append(string.Join(",\n    ", ports)).Append("\n);\n");
        foreach (var i in new[] { a, b }) t.Append(Instantiation(i, "start", ""));
        t.Append("endmodule\n");
        return t.ToString();
    }

    private static string Instantiation(Instance i, string start, string memDir)
    {
        var x = Tag(i);
        var mem = memDir.Length == 0 ? "" : $" #(.MEM_DIR(\"{memDir}\"))";
        var pins = Ports(i).Select(p => p.Name switch
        {
            "clk" or "rst_n" => $".{p.Name}({p.Name})",
            "start" => $".start({start})",
            _ => $".{p.Name}({x}_{p.Name})",
        });
        return $"    {new HdlNames(i.Prefix).Module(ArrayTop)}{mem} u_{x} (\n        " +
            string.Join(",\n        ", pins) + ");\n";
    }

    /// <summary>Ties off the ports the bench does not use: inputs held at 0, outputs left open.</summary>
    private static string TieOffs(Instance i) => string.Concat(Ports(i).Where(p => !Driven.Contains(p.Name))
        .Select(p => p.Direction == "input"
            ? $"    reg {p.Range} {Tag(i)}_{p.Name} = 0;\n"
            : $"    wire {p.Range} {Tag(i)}_{p.Name};\n"));

    /// <summary>
    /// Resets both instances, starts each once it leaves INIT, streams its input vector and prints its
    /// outputs and cycles; stimulus from clocked blocks only (Icarus ordering, house style).
    /// </summary>
    private static string Testbench(Instance a, Instance b, string root)
    {
        var t = new StringBuilder();
        t.Append($"`include \"{a.Prefix}eie_config.vh\"\n`include \"{b.Prefix}eie_config.vh\"\n");
        t.Append("""
            `timescale 1ns/1ps
            module pair_tb;
                reg clk = 1'b0;
                always #5 clk = ~clk;
                reg [3:0] rst_count = 4'd0;
                wire rst_n = rst_count == 4'd15;
                always @(posedge clk) if (!rst_n) rst_count <= rst_count + 4'd1;
                integer ticks = 0;
                always @(posedge clk) begin
                    ticks <= ticks + 1;
                    if (ticks > 200000) $fatal(1, "PAIR_ERROR timeout");
                end

            """);
        foreach (var i in new[] { a, b })
        {
            var x = i.Prefix.TrimEnd('_');
            var act = $"`{i.Prefix}EIE_ACT_BITS";
            int n = i.Input.Length;
            var mem = Path.GetRelativePath(root, Path.Combine(i.Dir, ImageFiles.MemoryDir)) + "/";
            t.Append($$"""
                    reg {{x}}_start = 1'b0, {{x}}_in_valid = 1'b0, {{x}}_finished = 1'b0;
                    reg [{{act}}-1:0] {{x}}_in_data = 0;
                    reg [15:0] {{x}}_inputs [0:{{n - 1}}];
                    initial $readmemh("{{i.Prefix}}input.hex", {{x}}_inputs);
                    wire {{x}}_busy, {{x}}_done, {{x}}_in_ready, {{x}}_out_valid;
                    wire {{x}}_out_ready = 1'b1;
                    wire [{{act}}-1:0] {{x}}_out_data;
                    wire [31:0] {{x}}_cycles;
                    integer {{x}}_state = 0, {{x}}_next = 0, {{x}}_outs = 0;

                """);
            t.Append(TieOffs(i));
            t.Append(Instantiation(i, $"{x}_start", mem));
            t.Append($$"""
                    always @(posedge clk) if (rst_n) begin
                        case ({{x}}_state)
                        0: if (!{{x}}_busy) begin {{x}}_start <= 1'b1; {{x}}_state <= 1; end
                        1: begin
                            {{x}}_start <= 1'b0; {{x}}_in_valid <= 1'b1; {{x}}_in_data <= {{x}}_inputs[0];
                            {{x}}_next <= 1; {{x}}_state <= 2;
                        end
                        2: if ({{x}}_in_ready) begin
                            if ({{x}}_next == {{n}}) begin {{x}}_in_valid <= 1'b0; {{x}}_state <= 3; end
                            else begin {{x}}_in_data <= {{x}}_inputs[{{x}}_next]; {{x}}_next <= {{x}}_next + 1; end
                        end
                        default: ;
                        endcase
                        if ({{x}}_out_valid && {{x}}_out_ready) begin
                            $display("{{x}}_OUT %0d %0d", {{x}}_outs, $signed({{x}}_out_data));
                            {{x}}_outs <= {{x}}_outs + 1;
                        end
                        if ({{x}}_done) begin
                            $display("{{x}}_CYCLES %0d", {{x}}_cycles);
                            {{x}}_finished <= 1'b1;
                        end
                    end

                """);
        }
        t.Append($$"""
                always @(posedge clk) if ({{Tag(a)}}_finished && {{Tag(b)}}_finished) begin
                    $display("PAIR_END");
                    $finish;
                end
            endmodule

            """);
        return t.ToString();
    }

    private static string Tag(Instance i) => i.Prefix.TrimEnd('_');

    [GeneratedRegex(@"\b(input|output)\s+(?:wire\s+|reg\s+)?(\[[^\]]*\])?\s*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex PortPattern();
}
