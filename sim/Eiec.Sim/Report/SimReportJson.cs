using System.Text.Json;
using System.Text.Json.Nodes;
using Eiec.Contract.Image;
using Eiec.Sim.Energy;
using Eiec.Sim.Stats;

namespace Eiec.Sim.Report;

/// <summary>
/// The simulator's JSON report: a structured summary (run, per-layer figures, energy) followed by
/// every statistic as <c>{name, value, unit, description}</c> (the gem5-style flat list). Keys are
/// snake_case; times are µs, energies pJ, power mW, throughput GOP/s (2 ops per MAC). Energy:
/// <c>per_cycle</c> lines (unit, clock/register/leakage, unit-cycles × pJ) and <c>actions</c> lines
/// (count × pJ), by unit in pJ (all inferences) and in mW (average power).
/// </summary>
public static class SimReportJson
{
    public static JsonObject Build(SimStats stats, EnergyReport energy, string image, string model, string input,
                                   long inputSaturations)
    {
        // Objects are added as JsonNode: JsonArray.Add<T> would wrap a T in a JsonValue by reflection
        // (not available under Native AOT, `make aot`); the JsonNode overload adds the node itself.
        var layers = new JsonArray();
        foreach (var l in stats.Layers)
        {
            var pes = new JsonArray();
            foreach (var p in l.PeStats)
                pes.Add((JsonNode)new JsonObject
                {
                    ["busy"] = p.Busy, ["stalled"] = p.Stalled, ["starved"] = p.Starved, ["drain"] = p.Drain,
                    ["blocking"] = p.Blocking, ["blocking_alone"] = p.BlockingAlone,
                    ["empty_columns"] = p.EmptyColumns, ["column_cycles"] = p.ColumnCycles,
                    ["padding"] = p.Padding, ["pointer_reads"] = p.PointerReads,
                    ["spmat_word_reads"] = p.SpmatWordReads, ["queue_occupancy_max"] = p.QueueMax,
                });
            layers.Add((JsonNode)new JsonObject
            {
                ["index"] = l.Index,
                ["name"] = l.Name,
                ["inputs"] = l.Inputs,
                ["outputs"] = l.Outputs,
                ["non_zero_inputs"] = l.Broadcasts,
                ["scan_cycles"] = l.ScanCycles,
                ["wb_cycles"] = l.WbCycles,
                ["cycles"] = l.Cycles,
                ["latency_us"] = stats.Microseconds(l.Cycles) / stats.Inferences,
                ["issued_entries"] = l.IssuedEntries,
                ["padding_entries"] = l.PaddingEntries,
                ["useful_entries"] = l.UsefulEntries,
                ["throughput_useful_gops"] = stats.Gops(l.UsefulEntries, l.Cycles),
                ["throughput_issued_gops"] = stats.Gops(l.IssuedEntries, l.Cycles),
                ["ideal_scan_cycles"] = l.IdealScanCycles,
                ["load_balance_efficiency"] = l.LoadBalanceEfficiency,
                ["work_bound_cycles"] = l.WorkBoundCycles,
                ["column_bound_cycles"] = l.ColumnBoundCycles,
                ["broadcast_stall_cycles"] = l.BroadcastStallCycles,
                ["queue_occupancy_mean"] = l.QueueOccupancyMean,
                ["queue_occupancy_max"] = l.QueueMax,
                ["queue_occupancy_histogram"] = new JsonArray(l.QueueOccupancy.Select(v => (JsonNode)v).ToArray()),
                ["pe_cycles"] = new JsonObject
                {
                    ["busy"] = l.PeStats.Sum(p => p.Busy), ["stalled"] = l.PeStats.Sum(p => p.Stalled),
                    ["starved"] = l.PeStats.Sum(p => p.Starved), ["drain"] = l.PeStats.Sum(p => p.Drain),
                    ["blocking"] = l.PeStats.Sum(p => p.Blocking),
                    ["blocking_alone"] = l.PeStats.Sum(p => p.BlockingAlone),
                    ["empty_columns"] = l.PeStats.Sum(p => p.EmptyColumns),
                },
                ["saturations"] = l.Saturations,
                ["actions"] = Counts(l.Actions),
                ["per_pe"] = pes,
            });
        }

        var actions = new JsonArray();
        var perCycle = new JsonArray();
        foreach (var line in energy.Lines)
            if (line.PerCycle)
                perCycle.Add((JsonNode)new JsonObject
                {
                    ["unit"] = line.Unit, ["kind"] = line.Name, ["unit_cycles"] = line.Count,
                    ["pj_per_cycle"] = line.PjEach, ["total_pj"] = line.TotalPj, ["source"] = line.Source,
                });
            else
                actions.Add((JsonNode)new JsonObject
                {
                    ["action"] = line.Name, ["unit"] = line.Unit, ["count"] = line.Count,
                    ["pj_per_action"] = line.PjEach, ["total_pj"] = line.TotalPj, ["source"] = line.Source,
                });
        var byUnit = new JsonObject();
        var byUnitMw = new JsonObject();
        foreach (var (unit, pj) in energy.ByUnit)
        {
            byUnit[unit] = pj;
            byUnitMw[unit] = energy.TotalPj == 0 ? 0 : energy.AveragePowerMw * pj / energy.TotalPj;
        }

        var flat = new JsonArray();
        foreach (var s in stats.Describe())
        {
            flat.Add((JsonNode)new JsonObject
            {
                ["name"] = s.Name, ["value"] = s.Value, ["unit"] = s.Unit, ["description"] = s.Description,
            });
        }

        return new JsonObject
        {
            ["format"] = "eiec-sim-report",
            ["version"] = 1,
            ["image"] = image,
            ["model"] = model,
            ["input"] = input,
            ["input_saturations"] = inputSaturations,
            ["pes"] = stats.Pes,
            ["fifo_depth"] = stats.FifoDepth,
            ["clock_mhz"] = stats.ClockMhz,
            ["inferences"] = stats.Inferences,
            ["summary"] = new JsonObject
            {
                ["cycles"] = stats.Cycles,
                ["scan_cycles"] = stats.ScanCycles,
                ["wb_cycles"] = stats.WbCycles,
                ["latency_us"] = stats.LatencyUs,
                ["issued_entries"] = stats.IssuedEntries,
                ["padding_entries"] = stats.PaddingEntries,
                ["useful_entries"] = stats.UsefulEntries,
                ["throughput_useful_gops"] = stats.UsefulGops,
                ["throughput_issued_gops"] = stats.IssuedGops,
                ["ideal_scan_cycles"] = stats.IdealScanCycles,
                ["load_balance_efficiency"] = stats.LoadBalanceEfficiency,
                ["work_bound_cycles"] = stats.WorkBoundCycles,
                ["column_bound_cycles"] = stats.ColumnBoundCycles,
                ["broadcast_stall_cycles"] = stats.BroadcastStallCycles,
                ["saturations"] = stats.Saturations,
            },
            ["layers"] = layers,
            ["energy"] = new JsonObject
            {
                ["table"] = energy.Table,
                ["table_origin"] = energy.TableOrigin,
                ["total_pj"] = energy.TotalPj,
                ["per_inference_pj"] = energy.PerInferencePj,
                ["pj_per_useful_mac"] = energy.PjPerUsefulMac,
                ["average_power_mw"] = energy.AveragePowerMw,
                ["frames_per_s"] = energy.FramesPerSecond,
                ["frames_per_j"] = energy.FramesPerJoule,
                ["by_unit_pj"] = byUnit,
                ["by_unit_mw"] = byUnitMw,
                ["per_cycle"] = perCycle,
                ["actions"] = actions,
            },
            ["stats"] = flat,
        };
    }

    public static string ToJson(JsonObject report) => report.ToJsonString(ImageJson.Options) + "\n";

    private static JsonObject Counts(ActionCounts counts)
    {
        var o = new JsonObject();
        foreach (var (name, count) in counts.ToDictionary()) o[name] = count;
        return o;
    }
}
