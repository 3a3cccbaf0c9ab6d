namespace Eiec.Compiler.Training;

/// <summary>One way of running the model over the test set: its predictions and top-1 accuracy.</summary>
public sealed record AccuracyRow(string Name, int[] Predictions, double Accuracy, TimeSpan Elapsed)
{
    /// <summary>Examples on which this row predicts the same class as <paramref name="other"/>.</summary>
    public int AgreementWith(AccuracyRow other)
    {
        int same = 0;
        for (int k = 0; k < Predictions.Length; k++) if (Predictions[k] == other.Predictions[k]) same++;
        return same;
    }
}
