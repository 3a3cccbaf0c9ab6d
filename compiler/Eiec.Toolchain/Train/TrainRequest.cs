using Eiec.FrontEnd.Training;

namespace Eiec.Toolchain.Train;

/// <summary>Inputs of <see cref="EiecToolchain.Train"/>: a dense MLP trained from scratch.</summary>
public sealed record TrainRequest
{
    /// <summary>Training data: an IDX directory or an .npz with x and y.</summary>
    public required string DataPath { get; init; }
    /// <summary>Dense model to write (.npz).</summary>
    public required string OutputPath { get; init; }
    /// <summary>Layer sizes, input first, comma-separated (e.g. 784,300,100,10).</summary>
    public string Layers { get; init; } = "784,300,100,10";
    /// <summary>Epochs, batch, learning rate, seed, test examples per epoch.</summary>
    public TrainingOptions Options { get; init; } = new();
    /// <summary>Use only the first N training examples, or null for all.</summary>
    public int? Limit { get; init; }
}
