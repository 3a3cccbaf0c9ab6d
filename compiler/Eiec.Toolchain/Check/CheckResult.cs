using Eiec.Contract.Checking;

namespace Eiec.Toolchain.Check;

/// <summary>
/// The outcome of <see cref="EiecToolchain.Check"/>: how many inputs ran through both models and
/// the first layer output where they differ (null: all agree bit for bit).
/// </summary>
public sealed record CheckResult(int Runs, OutputDifference? FirstDifference)
{
    /// <summary>True when every layer output of every run agrees.</summary>
    public bool Agree => FirstDifference is null;
}
