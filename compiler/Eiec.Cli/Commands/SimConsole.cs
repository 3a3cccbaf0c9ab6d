using System.CommandLine;
using System.Globalization;
using Eiec.Sim.Energy;
using Eiec.Sim.Stats;
using Spectre.Console;

namespace Eiec.Cli.Commands;

/// <summary>Spectre.Console tables of a simulation: every heading states the clock, the array and the units.</summary>
public sealed class SimConsole
{
    public SimConsole(ParseResult parse)
    {
        // Redirected output (files, pipes, tests) gets plain text and room for the tables instead of 80 columns.
        bool redirected = System.Console.IsOutputRedirected ||
            parse.InvocationConfiguration.Output != System.Console.Out;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(parse.InvocationConfiguration.Output),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected) Console.Profile.Width = 200;
    }

    public IAnsiConsole Console { get; }

    public void WriteLine(string text) => Console.WriteLine(text);

    public void Write(SimStats stats, EnergyReport energy, bool perPe)
    {
        Console.Write(CycleTable(stats));
        Console.Write(PeTable(stats));
        if (perPe) Console.Write(PerPeTable(stats));
        Console.Write(EnergyTable(stats, energy));
        Console.Write(EfficiencyTable(stats, energy));
    }

    private static string Array(SimStats s) => $"{s.Pes} PEs, queue depth {s.FifoDepth}, clock " +
                                               $"{F(s.ClockMhz, "0.###")} MHz" +
                                               (s.Inferences > 1 ? $", per inference over {s.Inferences}" : "");

    public static Table CycleTable(SimStats s)
    {
        var t = new Table { Title = new TableTitle(Markup.Escape($"Cycles and throughput ({Array(s)})")) };
        t.AddColumns(Escaped("layer", "inputs→outputs", "non-zero inputs", "scan [cycles]", "WB [cycles]",
            "total [cycles]",
            "latency [µs]", "ideal scan [cycles]", "load balance", "work bound [cycles]", "column bound [cycles]",
            "useful [GOP/s]", "issued [GOP/s]"));
        foreach (var c in t.Columns.Skip(2)) c.RightAligned();
        double n = s.Inferences;
        foreach (var l in s.Layers)
            t.AddRow(Markup.Escape($"{l.Index} {l.Name}"), $"{l.Inputs}→{l.Outputs}", N(l.Broadcasts / n),
                N(l.ScanCycles / n), N(l.WbCycles / n),
                N(l.Cycles / n), F(s.Microseconds(l.Cycles) / n, "F3"), N(l.IdealScanCycles / n),
                F(l.LoadBalanceEfficiency, "P1"), N(l.WorkBoundCycles / n), N(l.ColumnBoundCycles / n),
                F(s.Gops(l.UsefulEntries, l.Cycles), "F2"), F(s.Gops(l.IssuedEntries, l.Cycles), "F2"));
        t.AddRow("[bold]total[/]", "", N(s.Layers.Sum(l => l.Broadcasts) / n), N(s.ScanCycles / n), N(s.WbCycles / n),
            N(s.Cycles / n),
            F(s.LatencyUs, "F3"), N(s.IdealScanCycles / n), F(s.LoadBalanceEfficiency, "P1"),
            N(s.WorkBoundCycles / n), N(s.ColumnBoundCycles / n), F(s.UsefulGops, "F2"), F(s.IssuedGops, "F2"));
        t.Caption = new TableTitle(Markup.Escape("ideal scan = ceil(issued entries / N): the work spread perfectly " +
                                     "over the PEs; load balance = ideal / actual scan cycles; work bound = " +
                                     "entries of the busiest PE; column bound = the largest PE's entries plus the " +
                                     "empty-column pops they cannot hide (one pop per cycle); " +
                                     "GOP/s count 2 ops per MAC over all counted cycles, useful = stored weights " +
                                     "only, issued = padding included"));
        return t;
    }

    public static Table PeTable(SimStats s)
    {
        var t = new Table
        {
            Title = new TableTitle(Markup.Escape($"PE activity in SCAN, % of N × scan cycles ({Array(s)})")),
        };
        t.AddColumns(Escaped("layer", "busy", "stalled", "starved", "drain", "blocking", "most blocking PE",
            "issued [entries]", "padding [entries]",
            "queue mean [entries]", "queue max [entries]", "broadcast stalls [cycles]", "saturations"));
        foreach (var c in t.Columns.Skip(1)) c.RightAligned();
        double n = s.Inferences;
        foreach (var l in s.Layers)
        {
            double pc = (double)l.ScanCycles * l.Pes;
            t.AddRow(Markup.Escape($"{l.Index} {l.Name}"), P(l.PeStats.Sum(p => p.Busy), pc),
                P(l.PeStats.Sum(p => p.Stalled), pc),
                P(l.PeStats.Sum(p => p.Starved), pc), P(l.PeStats.Sum(p => p.Drain), pc),
                P(l.PeStats.Sum(p => p.Blocking), pc), MostBlocking(l), N(l.IssuedEntries / n),
                N(l.PaddingEntries / n),
                F(l.QueueOccupancyMean, "F2"), l.QueueMax.ToString(CultureInfo.InvariantCulture),
                N(l.BroadcastStallCycles / n), N(l.Saturations / n));
        }
        t.Caption = new TableTitle(Markup.Escape("busy, stalled, starved and drain split every PE-cycle; blocking " +
            "(not one of them) = broadcast-stall cycles with that PE's queue full, each full PE counting the cycle; " +
            "most blocking PE: PE (its blocking cycles, those it alone was full)"));
        return t;
    }

    /// <summary>The PE whose full queue stalled the broadcast most often: "k (cycles, alone)", or "-".</summary>
    private static string MostBlocking(Eiec.Sim.Stats.LayerStats l)
    {
        int best = -1;
        for (int k = 0; k < l.PeStats.Length; k++)
            if (l.PeStats[k].Blocking > 0 && (best < 0 || l.PeStats[k].Blocking > l.PeStats[best].Blocking)) best = k;
        if (best < 0) return "-";
        var p = l.PeStats[best];
        double n = l.Inferences;
        return $"{best} ({N(p.Blocking / n)}, {N(p.BlockingAlone / n)})";
    }

    public static Table PerPeTable(SimStats s)
    {
        var t = new Table { Title = new TableTitle(Markup.Escape($"Per PE, all layers [cycles] ({Array(s)})")) };
        t.AddColumns(Escaped("PE", "busy", "stalled", "starved", "drain", "blocking", "blocking alone",
            "empty columns", "column bound", "padding [entries]", "pointer reads",
            "SRAM word reads", "queue max"));
        foreach (var c in t.Columns.Skip(1)) c.RightAligned();
        var totals = s.PeTotals;
        for (int k = 0; k < totals.Length; k++)
        {
            var p = totals[k];
            t.AddRow(k.ToString(CultureInfo.InvariantCulture), N(p.Busy), N(p.Stalled), N(p.Starved), N(p.Drain),
                N(p.Blocking), N(p.BlockingAlone), N(p.EmptyColumns), N(p.ColumnCycles), N(p.Padding),
                N(p.PointerReads), N(p.SpmatWordReads), p.QueueMax.ToString(CultureInfo.InvariantCulture));
        }
        return t;
    }

    public static Table EnergyTable(SimStats s, EnergyReport e)
    {
        var t = new Table
        {
            Title = new TableTitle(Markup.Escape(
                $"Energy per inference by unit: per cycle and per action (table '{e.Table}' from {e.TableOrigin}; " +
                $"{Array(s)})")),
        };
        t.AddColumns(Escaped("unit", "per cycle / action", "count", "energy each [pJ]", "energy [nJ]", "share"));
        foreach (var c in t.Columns.Skip(2)) c.RightAligned();
        double n = s.Inferences;
        string Share(double pj) => e.TotalPj == 0 ? "-" : F(pj / e.TotalPj, "P1");
        foreach (var (unit, pj) in e.ByUnit)
        {
            // Per-cycle kinds the table sets to 0 would only add rows of zeros; actions always show their counts.
            var lines = e.Lines.Where(l => l.Unit == unit && (!l.PerCycle || l.PjEach > 0)).ToList();
            foreach (var l in lines)
                t.AddRow(l == lines[0] ? unit : "",
                    l.PerCycle ? $"{l.Name} (per {(EnergyActions.IsPerPe(unit) ? "PE-cycle" : "cycle")})" : l.Name,
                    N(l.Count / n), F(l.PjEach, "0.####"), F(l.TotalPj / n / 1000, "F3"), Share(l.TotalPj));
            if (lines.Count > 1) t.AddRow("", $"[italic]{unit} total[/]", "", "", F(pj / n / 1000, "F3"), Share(pj));
        }
        t.AddRow("[bold]total[/]", "", "", "", F(e.PerInferencePj / 1000, "F3"), "100 %");
        t.Caption = new TableTitle(Markup.Escape("per cycle: paid every counted cycle, by each PE (PE-cycles) or " +
                                                 "once (Ccu); " +
                                                 $"{N(s.Cycles / n)} counted cycles per inference"));
        return t;
    }

    /// <summary>The figures accelerators are compared by (EIE Table V's columns among them).</summary>
    public static Table EfficiencyTable(SimStats s, EnergyReport e)
    {
        var t = new Table { Title = new TableTitle(Markup.Escape($"Energy efficiency ({Array(s)})")) };
        t.AddColumns(Escaped("energy per inference [µJ]", "energy per useful MAC [pJ]", "average power [mW]",
            "frames/s", "frames/J"));
        foreach (var c in t.Columns) c.RightAligned();
        t.AddRow(F(e.PerInferencePj / 1e6, "F4"), F(e.PjPerUsefulMac, "F3"), F(e.AveragePowerMw, "F2"),
            F(e.FramesPerSecond, "N0"),
            F(e.FramesPerJoule, "N0"));
        t.Caption = new TableTitle(Markup.Escape($"over {N(s.Cycles / s.Inferences)} counted cycles " +
                                                 $"({F(s.LatencyUs, "F3")} µs) per " +
                                                 $"inference at {F(s.ClockMhz, "0.###")} MHz, one inference after " +
                                                 "another; " +
                                                 "useful MAC = multiply-accumulate with a stored weight (padding " +
                                                 "excluded)"));
        return t;
    }

    private static TableColumn[] Escaped(params string[] names) =>
        names.Select(n => new TableColumn(Markup.Escape(n))).ToArray();

    private static string N(double v) => v.ToString(v == Math.Floor(v) ? "N0" : "N1", CultureInfo.InvariantCulture);
    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
    private static string P(long part, double whole) =>
        whole == 0 ? "-" : (part / whole).ToString("P1", CultureInfo.InvariantCulture);
}
