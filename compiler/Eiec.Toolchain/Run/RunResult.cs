using Eiec.Contract.Image;
using Eiec.Golden;

namespace Eiec.Toolchain.Run;

/// <summary>What <see cref="EiecToolchain.Run"/> computed: the golden model's result for every input vector.</summary>
/// <param name="Image">The image read from disk.</param>
/// <param name="Inputs">The quantized input vectors.</param>
/// <param name="InputSaturations">Input values that saturated when quantized.</param>
/// <param name="Results">One golden-model result per input vector.</param>
/// <param name="Reference">The float-reference comparison, when a reference model was given.</param>
/// <param name="Benchmark">The repeat benchmark, when requested.</param>
public sealed record RunResult(
    CompiledImage Image, short[][] Inputs, long InputSaturations, GoldenResult[] Results,
    ReferenceComparison? Reference, RunBenchmark? Benchmark)
{
    /// <summary>Activation fraction bits of the image.</summary>
    public int FracBits => Image.Manifest.ActivationFracBits;
}
