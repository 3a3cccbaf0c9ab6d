using System.Globalization;
using System.Text;
using System.Text.Json;
using Eiec.Contract.Config;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Image;

namespace Eiec.Compiler.Report;

/// <summary>The build report (report.md and report.json), computed from the image manifest alone.</summary>
public sealed record BuildReport
{
    public required string Model { get; init; }
    public required int Pes { get; init; }
    public required double ClockMhz { get; init; }
    public required int ActivationFracBits { get; init; }
    public required IReadOnlyList<LayerStorageReport> Layers { get; init; }
    public required IReadOnlyList<SramFill> SramFill { get; init; }

    public static BuildReport From(ImageManifest manifest)
    {
        var c = manifest.Accelerator;
        var layers = manifest.Layers.Select(l =>
        {
            long entries = l.NonZeros + l.Padding;
            long eieBits = entries * c.EntryBits + (long)c.Pes * (l.Inputs + 1) * c.PointerBits
                + (long)c.CodebookSize * c.WeightBits;
            long dense = (long)l.Inputs * l.Outputs * 32;
            long csr = l.NonZeros * 64 + (l.Outputs + 1L) * 32;
            double mean = l.EntriesPerPe.Average();
            return new LayerStorageReport
            {
                Name = l.Name, Inputs = l.Inputs, Outputs = l.Outputs, NonZeros = l.NonZeros,
                WeightDensity = (double)l.NonZeros / ((long)l.Inputs * l.Outputs),
                PaddingEntries = l.Padding, PaddingShare = entries == 0 ? 0 : (double)l.Padding / entries,
                EieBits = eieBits, BitsPerNonZero = l.NonZeros == 0 ? 0 : (double)eieBits / l.NonZeros,
                DenseFp32Bits = dense, Csr32Bits = csr,
                CompressionVsDense = (double)dense / eieBits, CompressionVsCsr32 = (double)csr / eieBits,
                EntriesPerPeMin = l.EntriesPerPe.Min(), EntriesPerPeMean = mean, EntriesPerPeMax = l.EntriesPerPe.Max(),
                Imbalance = mean == 0 ? 1 : l.EntriesPerPe.Max() / mean,
                WeightFracBits = l.WeightFracBits, AccumulatorBitsNeeded = l.AccumulatorBitsNeeded,
                BiasSaturations = l.BiasSaturations,
            };
        }).ToList();
        var last = manifest.Layers[^1];
        var fill = new List<SramFill>
        {
            new("sparse matrix", last.SpmatBase + last.SpmatWords, c.SpmatWords, $"{c.WordBits}-bit words"),
            new("pointer bank (each)", last.PtrBase + AccelConfig.PointerRows(last.Inputs), c.PointerBankDepth,
                $"{c.PointerBits}-bit pointers"),
            new("activation buffer (each)", manifest.Layers.Max(l => Math.Max(l.Groups, l.RowsPerPe)),
                c.ActivationDepth, "16-bit activations"),
            new("bias", last.BiasBase + last.RowsPerPe, c.BiasEntries, "16-bit entries"),
            new("layer table", manifest.Layers.Count, c.MaxLayers, "layers"),
        };
        return new BuildReport
        {
            Model = manifest.Model, Pes = c.Pes, ClockMhz = c.ClockMhz,
            ActivationFracBits = manifest.ActivationFracBits,
            Layers = layers, SramFill = fill,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, BuildReportJsonContext.Default.BuildReport) + "\n";

    public string ToMarkdown()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"# Build report: {Model}\n\n");
        sb.Append(ci, $"{Pes} PEs, clock {ClockMhz} MHz, " +
            $"activations {FixedPointMath.QFormat(ActivationFracBits)} (16-bit).\n\n");
        sb.Append("## Storage per layer\n\n");
        sb.Append("| layer | inputs × outputs | non-zeros | density | padding (share) | bits / non-zero " +
            "| vs dense fp32 | vs CSR (32-bit) | entries per PE min / mean / max | imbalance (max/mean) " +
            "| weight frac bits F | acc bits needed | bias saturations |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var l in Layers)
            sb.Append(ci, $"| {l.Name} | {l.Inputs} × {l.Outputs} | {l.NonZeros} | {l.WeightDensity:P2} " +
                $"| {l.PaddingEntries} ({l.PaddingShare:P2}) | {l.BitsPerNonZero:F2} | {l.CompressionVsDense:F1}× " +
                $"| {l.CompressionVsCsr32:F1}× | {l.EntriesPerPeMin} / {l.EntriesPerPeMean:F1} / {l.EntriesPerPeMax} " +
                $"| {l.Imbalance:F3} | {l.WeightFracBits} | {l.AccumulatorBitsNeeded} | {l.BiasSaturations} |\n");
        sb.Append("\nBits per non-zero count every stored entry (padding included), the column pointers of all PEs " +
            "and the codebook. ");
        sb.Append("CSR (32-bit) counts a 32-bit value and a 32-bit column index per non-zero " +
            "plus 32-bit row pointers.\n\n");
        sb.Append("## SRAM fill per PE\n\n| memory | used | capacity | fill |\n|---|---|---|---|\n");
        foreach (var f in SramFill)
            sb.Append(ci, $"| {f.Memory} | {f.Used} | {f.Capacity} {f.Unit} | {f.Fraction:P1} |\n");
        return sb.ToString();
    }
}
