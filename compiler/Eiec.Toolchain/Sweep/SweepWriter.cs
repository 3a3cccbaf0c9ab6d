using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Eiec.Contract.Image;

namespace Eiec.Toolchain.Sweep;

/// <summary>sweep.csv (one row per point and layer, RFC 4180 quoting) and sweep.json.</summary>
public static class SweepWriter
{
    private static readonly string[] Columns =
    [
        "pes", "fifo_depth", "layer", "layer_name", "scan_cycles", "wb_cycles", "cycles", "latency_us",
        "ideal_scan_cycles",
        "load_balance_efficiency", "speedup", "ideal_speedup", "issued_entries", "padding_entries",
        "throughput_useful_gops",
        "throughput_issued_gops", "broadcast_stall_cycles", "energy_pj", "error",
    ];

    public static string ToCsv(IReadOnlyList<SweepRow> rows, IReadOnlyList<SweepField> fields)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', fields.Select(f => f.Name).Concat(Columns)).Append('\n');
        foreach (var r in rows)
        {
            var values = r.Fields.Select(f => (object?)f.Value).Concat(Values(r));
            sb.AppendJoin(',', values.Select(Quote)).Append('\n');
        }
        return sb.ToString();
    }

    public static string ToJson(IReadOnlyList<SweepRow> rows, string model, double clockMhz)
    {
        var points = new JsonArray();
        foreach (var r in rows)
        {
            var o = new JsonObject();
            foreach (var f in r.Fields) o[f.Key] = f.Value;
            var values = Values(r);
            for (int i = 0; i < Columns.Length; i++)
                o[Columns[i]] = values[i] switch
                {
                    null => null,
                    long l => l,
                    int n => n,
                    double d => d,
                    var x => x.ToString(),
                };
            points.Add((JsonNode)o); // the node itself; Add<T> would wrap it by reflection (Native AOT)
        }
        var root = new JsonObject
        {
            ["format"] = "eiec-sweep", ["version"] = 1, ["model"] = model, ["clock_mhz"] = clockMhz,
            ["units"] = new JsonObject
            {
                ["cycles"] = "cycles per inference", ["latency_us"] = "µs per inference at clock_mhz",
                ["energy_pj"] = "pJ per inference",
                ["throughput"] = "GOP/s, 2 ops per MAC (useful: stored weights; issued: padding included)",
                ["speedup"] = "cycles at the smallest swept PE count / cycles here, same queue depth, fields and layer",
                ["load_balance_efficiency"] = "ceil(issued entries / N) / scan cycles",
            },
            ["points"] = points,
        };
        return root.ToJsonString(ImageJson.Options) + "\n";
    }

    private static object?[] Values(SweepRow r) =>
    [
        r.Pes, r.FifoDepth, r.Layer < 0 ? "all" : r.Layer.ToString(CultureInfo.InvariantCulture), r.LayerName,
        r.Error is null ? r.ScanCycles : null, r.Error is null ? r.WbCycles : null, r.Error is null ? r.Cycles : null,
        r.Error is null ? r.LatencyUs : null, r.Error is null ? r.IdealScanCycles : null,
        r.Error is null ? r.LoadBalanceEfficiency : null,
        r.Error is null ? r.Speedup : null, r.Error is null ? r.IdealSpeedup : null,
        r.Error is null ? r.IssuedEntries : null,
        r.Error is null ? r.PaddingEntries : null, r.Error is null ? r.UsefulGops : null,
        r.Error is null ? r.IssuedGops : null,
        r.Error is null ? r.BroadcastStallCycles : null, r.Error is null ? r.EnergyPj : null, r.Error,
    ];

    private static string Quote(object? value)
    {
        string s = value switch
        {
            null => "",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
