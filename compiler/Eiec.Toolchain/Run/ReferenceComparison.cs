using Eiec.Contract.Checking;

namespace Eiec.Toolchain.Run;

/// <summary>
/// Golden model vs float reference on the same quantized inputs, last layer: the largest
/// |golden − reference| in real units and in LSBs of the activation format, and where it is.
/// </summary>
/// <param name="Largest">Largest absolute difference, real units (0 when they agree exactly).</param>
/// <param name="LargestLsb">The same in units of the last bit (2^-F).</param>
/// <param name="Where">The element with that difference (expected = reference), or null when they agree.</param>
public sealed record ReferenceComparison(double Largest, double LargestLsb, OutputDifference? Where);
