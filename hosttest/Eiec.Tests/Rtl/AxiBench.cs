using System.Globalization;
using Eiec.Contract.Config;
using Eiec.Hdl;

namespace Eiec.Tests.Rtl;

/// <summary>
/// eie_axi_top of one configuration (generated as `eiec rtl` writes it, no model: EIE_NO_MEM_INIT) compiled
/// with hosttest/tb/eie_axi_tb.v under Icarus; runs command scripts (<see cref="AxiScript"/>).
/// </summary>
public sealed class AxiBench
{
    public AccelConfig Config { get; }
    public string Directory { get; }
    private string Vvp => Path.Combine(Directory, "axi.vvp");

    private AxiBench(AccelConfig config, string directory)
    {
        Config = config;
        Directory = directory;
    }

    /// <summary>Compiles the design; the stream width is the configuration's stream_bits.</summary>
    public static AxiBench Compile(AccelConfig config)
    {
        var dir = RtlWorkspace.NewDirectory($"axi-pes{config.Pes}", deleteAtExit: true);
        var rtl = Path.Combine(dir, "rtl");
        System.IO.Directory.CreateDirectory(rtl);
        foreach (var file in VerilogGenerator.Generate(config, "axi-test"))
            File.WriteAllText(Path.Combine(rtl, file.Name), file.Text);
        var bench = new AxiBench(config, dir);
        var tb = Path.Combine(AppContext.BaseDirectory, "tb", "eie_axi_tb.v");
        var args = new List<string>
        {
            "-g2012", "-DEIE_NO_MEM_INIT", "-I", ".", "-o", bench.Vvp, tb,
            "-c", VerilogGenerator.FileList,
        };
        var result = ExternalTool.Run("iverilog", args, rtl, TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0 || result.Output.Contains("warning", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"iverilog failed on eie_axi_top in {rtl}:\n{result.Tail()}");
        return bench;
    }

    public AxiRun Run(AxiScript script, int stallSeed = 0, string name = "run")
    {
        var cmd = Path.Combine(Directory, name + ".cmd");
        File.WriteAllText(cmd, script.Text);
        var result = ExternalTool.Run("vvp", ["-n", Vvp, $"+cmd={cmd}", $"+stall={stallSeed}"], Directory,
            TimeSpan.FromMinutes(5));
        var log = result.Output;
        File.WriteAllText(Path.Combine(Directory, name + ".log"), log);
        if (result.ExitCode != 0 || log.Contains("EIEC_ERROR", StringComparison.Ordinal) ||
            !log.Contains("EIEC_END", StringComparison.Ordinal))
            throw new InvalidOperationException($"eie_axi_tb failed (exit {result.ExitCode}), " +
                $"{Path.Combine(Directory, name + ".log")}:\n{result.Tail()}");
        var beats = new List<(ulong, bool)>();
        var reads = new List<(int, uint)>();
        long end = 0;
        foreach (var line in log.Split('\n'))
        {
            var f = line.Trim().Split(' ');
            switch (f[0])
            {
                case "EIEC_BEAT":
                    beats.Add((ulong.Parse(f[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture), f[3] == "1"));
                    break;
                case "EIEC_RD":
                    reads.Add((int.Parse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                        uint.Parse(f[2], CultureInfo.InvariantCulture)));
                    break;
                case "EIEC_END":
                    end = long.Parse(f[1], CultureInfo.InvariantCulture);
                    break;
            }
        }
        return new AxiRun(beats, reads, end, log);
    }
}
