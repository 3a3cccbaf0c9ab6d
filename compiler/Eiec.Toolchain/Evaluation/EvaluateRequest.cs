using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;

namespace Eiec.Toolchain.Evaluation;

/// <summary>Inputs of <see cref="EiecToolchain.Evaluate"/>: one model in all its forms on a test split.</summary>
public sealed record EvaluateRequest
{
    /// <summary>Test data: IDX directory (t10k-* files) or .npz.</summary>
    public required string DataPath { get; init; }
    /// <summary>Dense model (.npz or .onnx).</summary>
    public required string DenseModelPath { get; init; }
    /// <summary>Compressed model (.cz).</summary>
    public required string ModelPath { get; init; }
    /// <summary>Compiled image directory, or null to compile the .cz here with <see cref="Config"/>.</summary>
    public string? ImageDir { get; init; }
    /// <summary>Accelerator configuration when compiling here.</summary>
    public AccelConfig Config { get; init; } = new();
    /// <summary>Activation fraction bits when compiling here.</summary>
    public int ActivationFracBits { get; init; } = ImageCompiler.DefaultActivationFracBits;
    /// <summary>Evaluate only the first N test examples, or null for all.</summary>
    public int? Limit { get; init; }
    /// <summary>Run the cycle simulator on only the first N examples (null: all; 0: skip it).</summary>
    public int? SimLimit { get; init; }
}
