using System.Text.RegularExpressions;
using Eiec.Contract.Cz;
using Eiec.Contract.Image;
using Eiec.Tests.Rtl;
using Eiec.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Eiec.Tests.Vendor;

/// <summary>
/// The vendor flows of `eiec build --target`: Vivado and Quartus are not installed, so the scripts run
/// under tclsh with the vendor commands stubbed (<see cref="TclStubRun"/>) and the tests check what the
/// tools would be given: exactly the sources files.f lists, in its order, the right top, the image's
/// memories, and a clock constraint whose period is the config's clock.
/// </summary>
public class VendorFlowTests
{
    // --clock-mhz 125 gives an 8 ns period: a value worked out by hand, not by the generator.
    private const string ClockMhz = "125";
    private const string PeriodNs = "8.000";

    private static string Build(TempDir tmp, params string[] extra)
    {
        var cz = tmp.File("model.cz");
        if (!File.Exists(cz)) CzWriter.Write(Images.Random(3, [40, 30, 10], 0.2, bias: true), cz);
        var dir = tmp.File("out");
        var r = Support.Cli.Run(["build", cz, "--pes", "2", "--clock-mhz", ClockMhz, "-o", dir, .. extra]);
        r.ExitCode.Should().Be(0, r.Stderr);
        return dir;
    }

    /// <summary>The top: the module the last file of files.f declares (the generator's rule: top last).</summary>
    private static string TopOf(string image)
    {
        var rtl = Path.Combine(image, ImageFiles.RtlDir);
        var text = File.ReadAllText(Path.Combine(rtl, RtlImages.Sources(rtl)[^1]));
        return Regex.Match(text, @"^\s*module\s+(\w+)", RegexOptions.Multiline).Groups[1].Value;
    }

    /// <summary>The top's clock: its first input port, as both tops declare it.</summary>
    private static string ClockOf(string image)
    {
        var text = File.ReadAllText(Path.Combine(image, ImageFiles.RtlDir, TopOf(image) + ".v"));
        return Regex.Match(text, @"\binput\s+wire\s+(?:\[[^\]]*\]\s*)?(\w+)").Groups[1].Value;
    }

    private static List<string> FileListPaths(string image) =>
        RtlImages.Sources(Path.Combine(image, ImageFiles.RtlDir))
            .Select(s => Path.GetFullPath(Path.Combine(image, ImageFiles.RtlDir, s))).ToList();

    private static TclStubRun RunScript(TempDir tmp, string image, string script, params string[] args)
    {
        var work = tmp.File("work-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(work);
        var run = TclStubRun.Run(Path.Combine(image, ImageFiles.RtlDir, script), work, args);
        run.Result.ExitCode.Should().Be(0, run.Result.Output);
        run.Result.Stdout.Should().Contain("STUB_END");
        return run;
    }

    [Fact]
    public void Should_read_exactly_the_file_list_and_implement_the_top_When_the_vivado_build_script_runs()
    {
        using var tmp = new TempDir();
        var image = Build(tmp, "--target", "vivado");

        var run = RunScript(tmp, image, "vivado/build.tcl");

        run.Of("read_verilog").Select(a => Path.GetFullPath(a.Single())).Should().Equal(FileListPaths(image));
        var synth = run.Of("synth_design").Single();
        TopOf(image).Should().StartWith("eie_");
        TclStubRun.Flag(synth, "-top").Should().Be(TopOf(image));
        TclStubRun.Flag(synth, "-part").Should().Be("xc7z020clg400-1", "the default part is a Zynq-7020");
        TclStubRun.Flag(synth, "-mode").Should().Be("out_of_context");
        Path.GetFullPath(TclStubRun.Flag(synth, "-include_dirs"))
            .Should().Be(Path.GetFullPath(Path.Combine(image, ImageFiles.RtlDir)));
        var generic = TclStubRun.Flag(synth, "-generic");
        generic.Should().Be($"MEM_DIR=\"{Path.GetFullPath(Path.Combine(image, ImageFiles.MemoryDir))}/\"");
        var xdc = run.Of("read_xdc").Single().Single();
        var clock = ClockOf(image);
        clock.Should().BeOneOf("clk", "aclk");
        File.ReadAllText(xdc).Should().Contain($"create_clock -period {PeriodNs} -name {clock} [get_ports {clock}]");
        run.Calls.Select(c => c.Name).Should().ContainInOrder(
            "synth_design", "place_design", "route_design", "report_utilization", "report_timing_summary");
        run.Of("write_bitstream").Should().BeEmpty("a bitstream only on request");
    }

    [Fact]
    public void Should_write_a_bitstream_for_the_given_part_When_asked_on_the_command_line_and_the_tclargs()
    {
        using var tmp = new TempDir();
        var image = Build(tmp, "--target", "vivado", "--part", "xc7a35tcsg324-1");

        var run = RunScript(tmp, image, "vivado/build.tcl", "bitstream=1", "pins_xdc=/board/pins.xdc");

        var synth = run.Of("synth_design").Single();
        TclStubRun.Flag(synth, "-part").Should().Be("xc7a35tcsg324-1");
        TclStubRun.Flag(synth, "-mode").Should().Be("default");
        run.Of("read_xdc").Select(a => a.Single()).Should().Contain("/board/pins.xdc");
        run.Of("write_bitstream").Single()[^1].Should().EndWith($"/{TopOf(image)}.bit");
    }

    [Fact]
    public void Should_refuse_an_unknown_argument_When_the_vivado_build_script_is_given_one()
    {
        using var tmp = new TempDir();
        var image = Build(tmp, "--target", "vivado");
        var work = tmp.File("w");
        Directory.CreateDirectory(work);

        var run = TclStubRun.Run(Path.Combine(image, "rtl", "vivado", "build.tcl"), work, "prat=xc7a35t");

        run.Result.ExitCode.Should().NotBe(0);
        run.Result.Stderr.Should().Contain("unknown argument 'prat=xc7a35t'");
        run.Of("synth_design").Should().BeEmpty();
    }

    [Fact]
    public void Should_package_the_file_list_sources_with_the_top_When_the_ip_packaging_script_runs()
    {
        using var tmp = new TempDir();
        var image = Build(tmp, "--target", "vivado");

        var run = RunScript(tmp, image, "vivado/package_ip.tcl");

        var adds = run.Of("add_files").Select(a => a[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        adds[0].Select(Path.GetFullPath).Should().Equal(FileListPaths(image));
        adds.Should().Contain(a => a.Length == 1 && a[0].EndsWith("/rtl/eie_config.vh", StringComparison.Ordinal));
        adds[^1].Select(Path.GetFileName).Should().Contain(["layers.hex", "codebook.hex", "pe000_spmat.hex"],
            "the memory images travel with the IP");
        run.Of("set_property").Should().Contain(a => a.SequenceEqual(new[] { "top", TopOf(image), "sources_1" }));
        run.Of("ipx::package_project").Should().ContainSingle();
        run.Of("ipx::infer_bus_interfaces").Select(a => a[0]).Should().Contain(
            ["xilinx.com:interface:aximm_rtl:1.0", "xilinx.com:interface:axis_rtl:1.0"]);
        run.Calls.Select(c => c.Name).Should().ContainInOrder("ipx::package_project", "ipx::save_core");
    }

    [Fact]
    public void Should_compile_the_file_list_with_the_top_and_clock_When_the_quartus_script_runs()
    {
        using var tmp = new TempDir();
        var image = Build(tmp, "--target", "quartus");

        var run = RunScript(tmp, image, "quartus/build.tcl");

        var assignments = run.Of("set_global_assignment").Select(a => (Name: a[1], Value: a[2])).ToList();
        assignments.Where(a => a.Name == "VERILOG_FILE").Select(a => Path.GetFullPath(a.Value))
            .Should().Equal(FileListPaths(image));
        assignments.Should().Contain(("TOP_LEVEL_ENTITY", TopOf(image)));
        assignments.Should().Contain(("FAMILY", "Cyclone V"));
        assignments.Should().Contain(("DEVICE", "5CSEMA5F31C6"));
        var sdc = assignments.Single(a => a.Name == "SDC_FILE").Value;
        var clock = ClockOf(image);
        File.ReadAllText(sdc).Should()
            .Contain($"create_clock -name {clock} -period {PeriodNs} [get_ports {{{clock}}}]");
        run.Of("set_parameter").Single().Should().Equal(
            "-name", "MEM_DIR", Path.GetFullPath(Path.Combine(image, ImageFiles.MemoryDir)) + "/");
        run.Of("execute_module").Select(a => a[1]).Should().Equal("map", "fit", "sta");
    }

    [Theory]
    [InlineData("10M50DAF484C7G", "MAX 10")]
    [InlineData("5cgxfc7c7f23c8", "Cyclone V")]
    [InlineData("EP4CE22F17C6", "Cyclone IV E")]
    public void Should_name_the_device_family_When_a_quartus_device_is_given(string device, string family)
    {
        using var tmp = new TempDir();
        var image = Build(tmp, "--target", "quartus", "--device", device);

        var run = RunScript(tmp, image, "quartus/build.tcl");

        var assignments = run.Of("set_global_assignment").Select(a => (Name: a[1], Value: a[2])).ToList();
        assignments.Should().Contain(("FAMILY", family)).And.Contain(("DEVICE", device.ToUpperInvariant()));
    }

    [Fact]
    public void Should_list_the_file_list_sources_and_the_top_When_the_fusesoc_core_is_written()
    {
        using var tmp = new TempDir();
        var image = Build(tmp, "--target", "vivado", "--target", "quartus");
        var top = TopOf(image);
        var path = Path.Combine(image, ImageFiles.RtlDir, top + ".core");

        var text = File.ReadAllText(path);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;

        text.Should().StartWith("CAPI=2:\n");
        var files = (YamlSequenceNode)root["filesets"]["rtl"]["files"];
        var names = files.Children.Select(f => f is YamlMappingNode m
            ? ((YamlScalarNode)m.Children.Single().Key).Value! : ((YamlScalarNode)f).Value!).ToList();
        names.Where(n => !n.EndsWith(".vh", StringComparison.Ordinal))
            .Should().Equal(RtlImages.Sources(Path.Combine(image, "rtl")));
        names[0].Should().Be("eie_config.vh", "the config header is an include file");
        var targets = (YamlMappingNode)root["targets"];
        targets.Children.Keys.Select(k => ((YamlScalarNode)k).Value)
            .Should().Equal("default", "lint", "synth", "vivado", "quartus");
        foreach (var target in targets.Children.Values)
            ((YamlScalarNode)target["toplevel"]).Value.Should().Be(top);
        ((YamlScalarNode)targets["vivado"]["tools"]["vivado"]["part"]).Value.Should().Be("xc7z020clg400-1");
        foreach (var (fileset, file) in new[] { ("vivado", $"vivado/{top}.xdc"), ("quartus", $"quartus/{top}.sdc") })
        {
            var listed = ((YamlScalarNode)((YamlSequenceNode)root["filesets"][fileset]["files"]).Single()).Value!;
            listed.Should().Be(file);
            File.Exists(Path.Combine(image, "rtl", listed)).Should().BeTrue();
        }
    }

    [Fact]
    public void Should_use_the_prefixed_top_and_sources_When_a_prefix_is_given()
    {
        using var tmp = new TempDir();
        var image = Build(tmp, "--target", "vivado,quartus", "--prefix", "cfgA_");

        var vivado = RunScript(tmp, image, "vivado/build.tcl");
        var quartus = RunScript(tmp, image, "quartus/build.tcl");

        var expected = FileListPaths(image);
        expected.Select(Path.GetFileName).Should()
            .OnlyContain(f => f!.StartsWith("cfgA_eie_", StringComparison.Ordinal));
        vivado.Of("read_verilog").Select(a => Path.GetFullPath(a.Single())).Should().Equal(expected);
        var top = TopOf(image);
        top.Should().StartWith("cfgA_eie_");
        TclStubRun.Flag(vivado.Of("synth_design").Single(), "-top").Should().Be(top);
        quartus.Of("set_global_assignment").Should().Contain(
            a => a.SequenceEqual(new[] { "-name", "TOP_LEVEL_ENTITY", top }));
        File.Exists(Path.Combine(image, "rtl", top + ".core")).Should().BeTrue();
        File.Exists(Path.Combine(image, "rtl", "vivado", top + ".xdc")).Should().BeTrue();
    }

    [Fact]
    public void Should_write_only_the_core_without_vendor_targets_When_the_target_is_fusesoc()
    {
        using var tmp = new TempDir();
        var image = Build(tmp, "--target", "FuseSoC");
        var top = TopOf(image);

        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(image, "rtl", top + ".core"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;

        Directory.GetDirectories(Path.Combine(image, "rtl")).Should().BeEmpty("no Vivado or Quartus scripts");
        ((YamlMappingNode)root["targets"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value)
            .Should().Equal("default", "lint", "synth");
        ((YamlMappingNode)root["filesets"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value)
            .Should().Equal("rtl");
    }

    [Fact]
    public void Should_replace_an_rtl_directory_with_vendor_flows_When_rtl_is_run_again_without_targets()
    {
        using var tmp = new TempDir();
        var dir = tmp.File("rtl");
        Support.Cli.Run("rtl", "--pes", "2", "-o", dir, "--target", "vivado,quartus").ExitCode.Should().Be(0);
        Directory.Exists(Path.Combine(dir, "vivado")).Should().BeTrue();

        var again = Support.Cli.Run("rtl", "--pes", "2", "-o", dir);

        again.ExitCode.Should().Be(0, again.Stderr);
        Directory.GetDirectories(dir).Should().BeEmpty("the plain output replaced the one with vendor flows");
        File.Exists(Path.Combine(dir, "files.f")).Should().BeTrue();
    }

    [Fact]
    public void Should_write_no_vendor_files_When_no_target_is_given()
    {
        using var tmp = new TempDir();
        var image = Build(tmp);

        var rtl = Path.Combine(image, ImageFiles.RtlDir);
        Directory.GetDirectories(rtl).Should().BeEmpty();
        Directory.GetFiles(rtl).Select(Path.GetExtension).Should().NotContain([".core", ".tcl", ".xdc", ".sdc"]);
    }

    [Theory]
    [InlineData("--part xc7z020clg400-1", "--part xc7z020clg400-1: only used with --target vivado")]
    [InlineData("--target quartus --device ZZ999", "--device ZZ999: unknown Quartus family")]
    [InlineData("--target quartus --device 5CSEMA5F31C6 --part xc7z020clg400-1", "--part xc7z020clg400-1: only")]
    [InlineData("--target ise", "--target ise: unknown target (vivado, quartus or fusesoc)")]
    [InlineData("--prefix 9a_", "--prefix '9a_': a module prefix must be")]
    [InlineData("--target vivado --part xc7;exit", "--part 'xc7;exit': not a part name")]
    public void Should_fail_with_one_line_and_write_nothing_When_the_rtl_options_are_wrong(string options,
        string message)
    {
        using var tmp = new TempDir();
        CzWriter.Write(Images.Random(3, [40, 30, 10], 0.2), tmp.File("model.cz"));

        var r = Support.Cli.Run(["build", tmp.File("model.cz"), "--pes", "2", "-o", tmp.File("out"),
            .. options.Split(' ')]);

        r.ExitCode.Should().Be(1);
        r.Stderr.Should().StartWith("eiec: error: ").And.Contain(message);
        r.Stderr.TrimEnd().Split('\n').Should().HaveCount(1);
        Directory.Exists(tmp.File("out")).Should().BeFalse();
    }

    [Theory]
    [InlineData("800", "1.250")]
    [InlineData("333", "3.003")]
    [InlineData("50", "20.000")]
    public void Should_constrain_the_clock_to_the_config_period_When_the_clock_is_given(string mhz, string ns)
    {
        using var tmp = new TempDir();
        CzWriter.Write(Images.Random(3, [40, 30, 10], 0.2), tmp.File("model.cz"));
        var r = Support.Cli.Run("build", tmp.File("model.cz"), "--pes", "2", "--clock-mhz", mhz, "-o",
            tmp.File("out"), "--target", "vivado,quartus");
        r.ExitCode.Should().Be(0, r.Stderr);

        string top = TopOf(tmp.File("out")), clock = ClockOf(tmp.File("out"));
        var xdc = File.ReadAllText(tmp.File($"out/rtl/vivado/{top}.xdc"));
        var sdc = File.ReadAllText(tmp.File($"out/rtl/quartus/{top}.sdc"));

        Regex.Matches(xdc, @"^create_clock.*$", RegexOptions.Multiline).Single().Value
            .Should().Be($"create_clock -period {ns} -name {clock} [get_ports {clock}]");
        Regex.Matches(sdc, @"^create_clock.*$", RegexOptions.Multiline).Single().Value
            .Should().Be($"create_clock -name {clock} -period {ns} [get_ports {{{clock}}}]");
    }
}
