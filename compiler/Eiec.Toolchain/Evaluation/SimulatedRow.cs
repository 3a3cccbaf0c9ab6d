using Eiec.Contract.Checking;

namespace Eiec.Toolchain.Evaluation;

/// <summary>The cycle simulator's accuracy row and its first difference from the golden model (null: none).</summary>
public sealed record SimulatedRow(AccuracyRow Row, OutputDifference? FirstDifference);
