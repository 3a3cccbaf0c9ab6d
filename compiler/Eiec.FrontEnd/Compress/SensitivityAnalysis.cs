using System.Globalization;
using System.Text;
using Eiec.FrontEnd.Datasets;
using Eiec.FrontEnd.Import;
using Eiec.FrontEnd.Training;

namespace Eiec.FrontEnd.Compress;

/// <summary>
/// Pruning sensitivity, Deep Compression's Fig. 6 style: each layer in turn is magnitude-pruned to each
/// density while the other layers stay dense, without retraining, and the float model's top-1 accuracy
/// is measured. A layer whose curve stays flat to low densities can be pruned hard.
/// </summary>
public static class SensitivityAnalysis
{
    public static readonly double[] DefaultDensities = [1.0, 0.5, 0.3, 0.2, 0.1, 0.05, 0.03, 0.02, 0.01];

    public static IReadOnlyList<SensitivityRow> Run(DenseModel model, Dataset test, IReadOnlyList<double> densities,
        Action<SensitivityRow>? onRow = null)
    {
        var net = Mlp.FromDense(model);
        var rows = new List<SensitivityRow>();
        foreach (var layer in net.Layers)
        {
            var original = (float[])layer.Weight.Clone();
            foreach (var density in densities)
            {
                long keep = MagnitudePruner.KeepCount(original.LongLength, density);
                var mask = MagnitudePruner.Prune(original, keep);
                for (long k = 0; k < original.LongLength; k++) layer.Weight[k] = mask[k] ? original[k] : 0f;
                var row = new SensitivityRow(layer.Name, density, keep, MlpTrainer.Evaluate(net, test));
                rows.Add(row);
                onRow?.Invoke(row);
            }
            Array.Copy(original, layer.Weight, original.LongLength);
        }
        return rows;
    }

    public static string ToCsv(IReadOnlyList<SensitivityRow> rows)
    {
        var sb = new StringBuilder("layer,density,kept,top1\n");
        foreach (var r in rows)
            sb.Append(CultureInfo.InvariantCulture, $"{r.Layer},{r.Density:R},{r.Kept},{r.Accuracy:F6}\n");
        return sb.ToString();
    }
}
