namespace Eiec.Toolchain.Evaluation;

/// <summary>One way of running the model over the test set: its predictions and top-1 accuracy.</summary>
public sealed record AccuracyRow(string Name, int[] Predictions, double Accuracy, TimeSpan Elapsed)
{
    /// <summary>
    /// Examples on which this row predicts the same class as <paramref name="other"/>, over the
    /// examples both rows ran (a row may cover only the first N, e.g. the cycle simulator).
    /// </summary>
    public int AgreementWith(AccuracyRow other)
    {
        int same = 0;
        int n = Math.Min(Predictions.Length, other.Predictions.Length);
        for (int k = 0; k < n; k++) if (Predictions[k] == other.Predictions[k]) same++;
        return same;
    }
}
