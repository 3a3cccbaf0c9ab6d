using Eiec.Contract.Checking;

namespace Eiec.Toolchain.Evaluation;

/// <summary>What <see cref="EiecToolchain.Evaluate"/> measured.</summary>
/// <param name="Rows">Dense float, compressed float, golden model, then (unless skipped) the cycle simulator.</param>
/// <param name="Labels">Labels of the examples evaluated.</param>
/// <param name="SimulatedExamples">Examples the cycle simulator ran (0: skipped).</param>
/// <param name="SimulatorDifference">
/// The first layer output where the simulator differs from the golden model, or null when every one agrees.
/// </param>
public sealed record EvaluationResult(
    IReadOnlyList<AccuracyRow> Rows, int[] Labels, int SimulatedExamples, OutputDifference? SimulatorDifference);
