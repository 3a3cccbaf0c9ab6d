namespace Eiec.Toolchain.Train;

/// <summary>What <see cref="EiecToolchain.Train"/> trained and wrote.</summary>
/// <param name="Sizes">Layer sizes, input first.</param>
/// <param name="TrainExamples">Training examples used.</param>
/// <param name="TestAccuracy">Top-1 on the test split after training.</param>
/// <param name="TestExamples">Test examples scored.</param>
/// <param name="Elapsed">Wall time, loading included.</param>
public sealed record TrainResult(
    int[] Sizes, int TrainExamples, double TestAccuracy, int TestExamples, TimeSpan Elapsed);
