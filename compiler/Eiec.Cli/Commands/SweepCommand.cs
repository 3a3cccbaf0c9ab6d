using System.CommandLine;
using System.Globalization;
using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;
using Eiec.Sim;
using Eiec.Toolchain;
using Eiec.Toolchain.Sweep;
using Spectre.Console;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec sweep model.cz --pes 1,2,4,...,256 --fifo-depth 1,2,4,8,16 [--field name=v1,v2 ...] -o sweep/`:
/// compiles the model for every PE count (and field combination), simulates one input at every
/// queue depth, and writes sweep.csv, sweep.json and PNG plots (EIE paper Figs. 8 and 11).
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Compressed model (.cz)" };
        var pes = new Option<string>("--pes")
        {
            Description = "PE counts, comma-separated",
            DefaultValueFactory = _ => "1,2,4,8,16,32,64,128,256",
        };
        var depths = new Option<string>("--fifo-depth")
        {
            Description = "Activation-queue depths, comma-separated",
            DefaultValueFactory = _ => "1,2,4,8,16",
        };
        var fields = new Option<string[]>("--field")
        {
            Description = "Extra accelerator field to sweep, name=v1,v2 (snake_case, as in accel.yaml); repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var config = new Option<string?>("--config", "-c")
        {
            Description = "Base accelerator configuration YAML (default: the paper's)",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output directory",
            DefaultValueFactory = _ => "sweep",
        };
        var actFrac = new Option<int>("--act-frac")
        {
            Description = "Activation fraction bits (docs/fixed-point.md)",
            DefaultValueFactory = _ => ImageCompiler.DefaultActivationFracBits,
        };
        var input = new Option<string?>("--input", "-i")
        {
            Description = "Input .npy (1-D; first row of a batch); default: seeded random vector at --density",
        };
        var density = new Option<double>("--density")
        {
            Description = "Non-zero fraction of the default input",
            DefaultValueFactory = _ => DefaultInput.Density,
        };
        var energyTable = new Option<string?>("--energy-table")
        {
            Description = "Energy-per-action YAML (default: built-in eie-45nm)",
        };
        var command = new Command("sweep", "Sweep PE count, queue depth and accelerator fields; write CSV, JSON and " +
            "speedup / load-balance plots") { model };
        var jobs = JobsOption.Create("sweep points");
        foreach (var o in new Option[]
                 { pes, depths, fields, config, output, actFrac, input, density, energyTable, jobs })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            // Every value is checked before anything is compiled, simulated or written.
            string czPath = parse.GetValue(model)!;
            string dir = parse.GetValue(output)!;
            var peList = Ints(parse.GetValue(pes)!, "--pes");
            var depthList = Ints(parse.GetValue(depths)!, "--fifo-depth");
            var fieldList = (parse.GetValue(fields) ?? []).Select(SweepField.Parse).ToList();
            var baseConfig = parse.GetValue(config) is { } path ? AccelConfigLoader.Load(path) : new AccelConfig();
            int frac = OptionChecks.InRange("--act-frac", parse.GetValue(actFrac), 0, 15,
                "activation fraction bits, docs/fixed-point.md");
            double d = parse.GetValue(density);
            if (d is < 0 or > 1 || double.IsNaN(d))
                throw new EiecException($"--density {d.ToString(CultureInfo.InvariantCulture)}: must be in [0, 1]");
            var plan = EiecToolchain.PlanSweep(new SweepRequest
            {
                ModelPath = czPath, OutputDir = dir, BaseConfig = baseConfig, Pes = peList, FifoDepths = depthList,
                Fields = fieldList,
                ActivationFracBits = frac, InputPath = parse.GetValue(input), Density = d,
                EnergyTablePath = parse.GetValue(energyTable), Jobs = parse.GetValue(jobs),
            });

            var ui = new SimConsole(parse);
            int points = plan.Points;
            ui.WriteLine($"eiec sweep {czPath}: {points} point(s) ({peList.Count} PE counts × {depthList.Count} " +
                         "queue depths" +
                         $"{string.Concat(fieldList.Select(f => $" × {f.Values.Count} {f.Name}"))}); input " +
                         $"{plan.InputDescription}");
            SweepResult result = null!;
            if (ui.Console.Profile.Capabilities.Interactive)
                ui.Console.Progress().AutoClear(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                        new ElapsedTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("sweep", maxValue: points);
                        result = EiecToolchain.Sweep(plan, step =>
                            { task.Description = Markup.Escape(step); task.Increment(1); });
                    });
            else
            {
                int done = 0; // the sweep calls step one at a time
                result = EiecToolchain.Sweep(plan, step => ui.WriteLine($"[{++done}/{points}] {step}"));
            }

            ui.Console.Write(Summary(result.Rows, baseConfig.ClockMhz));
            foreach (var failed in result.Failures)
                ui.WriteLine($"skipped {failed.Pes} PEs{(failed.FieldKey.Length > 0 ? ", " + failed.FieldKey : "")}: " +
                    $"{failed.Error}");
            ui.WriteLine($"wrote {result.CsvPath}, sweep.json and {string.Join(", ", result.PlotNames)}");
            return 0;
        });
        return command;
    }

    private static Table Summary(IReadOnlyList<SweepRow> rows, double clockMhz)
    {
        var t = new Table
        {
            Title = new TableTitle(Markup.Escape("Whole network per inference (clock " +
                $"{clockMhz.ToString("0.###", CultureInfo.InvariantCulture)} MHz)")),
        };
        bool fields = rows.Any(r => r.Fields.Count > 0);
        var names = new List<string> { "PEs", "queue depth" };
        if (fields) names.Add("fields");
        names.AddRange(["cycles", "latency [µs]", "speedup", "ideal speedup", "load balance", "useful [GOP/s]",
            "energy [nJ]"]);
        t.AddColumns(names.Select(n => new TableColumn(Markup.Escape(n)).RightAligned()).ToArray());
        var ci = CultureInfo.InvariantCulture;
        foreach (var r in rows.Where(r => r.Layer < 0 && r.Error is null))
        {
            var cells = new List<string> { r.Pes.ToString(ci), r.FifoDepth.ToString(ci) };
            if (fields) cells.Add(Markup.Escape(r.FieldKey));
            cells.AddRange([r.Cycles.ToString("N0", ci), r.LatencyUs.ToString("F2", ci), r.Speedup.ToString("F2", ci),
                r.IdealSpeedup.ToString("F0", ci),
                r.LoadBalanceEfficiency.ToString("P1", ci), r.UsefulGops.ToString("F2", ci),
                (r.EnergyPj / 1000).ToString("F1", ci)]);
            t.AddRow(cells.ToArray());
        }
        return t;
    }

    private static List<int> Ints(string text, string option)
    {
        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < 1)
                throw new EiecException($"{option} '{text}': '{part}' is not a positive integer");
            if (!list.Contains(v)) list.Add(v);
        }
        if (list.Count == 0) throw new EiecException($"{option}: give at least one value");
        return list;
    }
}
