using System.Globalization;

namespace Eiec.Contract.Checking;

/// <summary>
/// Where two models' outputs first (or most) differ: run or example, layer, output index, the PE that
/// holds it (row mod N) and its local row there (row div N), the expected and actual values. The same
/// record, and the same text, serves every cross-check: golden model vs cycle simulator, vs RTL, vs
/// the float reference. Built by <see cref="OutputComparison"/>.
/// </summary>
/// <param name="Run">"run 3", "example 17", or null when only one input ran.</param>
/// <param name="Layer">Layer index, or <see cref="OutputStream"/> for the array's final output stream.</param>
/// <param name="LayerName">The layer's name (empty for the output stream).</param>
/// <param name="Index">Global output index (row) within the layer.</param>
/// <param name="Pes">PEs of the array; rows are interleaved, row i on PE i mod Pes.</param>
/// <param name="Expected">The reference value (fixed-point integer or real).</param>
/// <param name="Actual">The value under test; null when it was never produced (e.g. never written back).</param>
/// <param name="ExpectedCount">Outputs the reference has at this site.</param>
/// <param name="ActualCount">Outputs the model under test has (not ExpectedCount: a length difference).</param>
public sealed record OutputDifference(
    string? Run, int Layer, string LayerName, int Index, int Pes, double Expected, double? Actual,
    int ExpectedCount, int ActualCount)
{
    /// <summary><see cref="Layer"/> of a difference in the final output stream rather than a layer's outputs.</summary>
    public const int OutputStream = -1;

    /// <summary>The PE that computes this output: row mod N.</summary>
    public int Pe => Index % Pes;

    /// <summary>The output's row within its PE: row div N.</summary>
    public int LocalRow => Index / Pes;

    /// <summary>True when the outputs have different lengths (and agree on the common prefix).</summary>
    public bool IsLengthDifference => ExpectedCount != ActualCount;

    /// <summary>|expected − actual|; infinity when the actual value is missing.</summary>
    public double Magnitude => Actual is { } a ? Math.Abs(Expected - a) : double.PositiveInfinity;

    /// <summary>
    /// One line: "run 2, layer 1 ('fc2'), output 13 (PE 1, local row 3): expected 5, actual 7", or for
    /// the output stream "output stream element 13 (PE 1, local row 3): …", or for a length difference
    /// "layer 1 ('fc2') has 9 outputs, expected 10".
    /// </summary>
    public string Describe()
    {
        string run = Run is null ? "" : Run + ", ";
        if (IsLengthDifference)
            return Layer == OutputStream
                ? $"{run}output stream has {ActualCount} elements, expected {ExpectedCount}"
                : $"{run}layer {Layer} ('{LayerName}') has {ActualCount} outputs, expected {ExpectedCount}";
        string site = Layer == OutputStream
            ? $"output stream element {Index}"
            : $"layer {Layer} ('{LayerName}'), output {Index}";
        string actual = Actual is { } a ? Number(a) : "never written back";
        return $"{run}{site} (PE {Pe}, local row {LocalRow}): expected {Number(Expected)}, actual {actual}";
    }

    /// <inheritdoc cref="Describe"/>
    public override string ToString() => Describe();

    private static string Number(double v) => v.ToString(CultureInfo.InvariantCulture);
}
