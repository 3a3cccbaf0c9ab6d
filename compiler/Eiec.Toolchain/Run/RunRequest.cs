namespace Eiec.Toolchain.Run;

/// <summary>Inputs of <see cref="EiecToolchain.Run"/>: the golden model on an image directory.</summary>
public sealed record RunRequest
{
    /// <summary>Image directory written by a build.</summary>
    public required string ImageDir { get; init; }
    /// <summary>Input .npy: 1-D vector or 2-D batch; float (quantized) or int16 (raw Q-format).</summary>
    public required string InputPath { get; init; }
    /// <summary>Write the last layer's outputs here (.npy), or null.</summary>
    public string? OutputPath { get; init; }
    /// <summary>Write int16 fixed-point outputs instead of float32 in real units.</summary>
    public bool Raw { get; init; }
    /// <summary>A .cz whose float reference is run on the same quantized inputs and compared, or null.</summary>
    public string? ReferencePath { get; init; }
    /// <summary>Benchmark: run the batch this many more times on one thread (0: none).</summary>
    public int Repeat { get; init; }
    /// <summary>Worker threads, at least 1; null for every core (results do not depend on it).</summary>
    public int? Jobs { get; init; }
}
