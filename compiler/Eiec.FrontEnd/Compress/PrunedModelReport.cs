using System.Globalization;
using System.Text;
using Eiec.FrontEnd.Import;

namespace Eiec.FrontEnd.Compress;

/// <summary>The report of pruning without weight sharing: weights kept per layer, and the retraining notes.</summary>
public static class PrunedModelReport
{
    public static string ToMarkdown(DenseModel pruned, IReadOnlyList<string> notes)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"# Pruning report: {pruned.Name}");
        sb.AppendLine();
        sb.AppendLine("No weight sharing (--codebook-bits 0): the output is the dense model with pruned weights at 0.");
        sb.AppendLine();
        sb.AppendLine("| layer | shape (out×in) | weights | non-zero | density |");
        sb.AppendLine("|---|---|---:|---:|---:|");
        long total = 0, kept = 0;
        foreach (var l in pruned.Layers)
        {
            long k = l.Weight.LongCount(w => w != 0);
            total += l.WeightCount;
            kept += k;
            sb.AppendLine(c, $"| {l.Name} | {l.Outputs}×{l.Inputs} | {l.WeightCount:N0} | {k:N0} | "
                + $"{(double)k / l.WeightCount:P2} |");
        }
        sb.AppendLine(c, $"| **total** | | {total:N0} | {kept:N0} | {(double)kept / total:P2} |");
        if (notes.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Retraining (float model, test split):");
            foreach (var n in notes) sb.AppendLine(n);
        }
        return sb.ToString();
    }
}
