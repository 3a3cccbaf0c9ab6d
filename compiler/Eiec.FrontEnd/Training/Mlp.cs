using Eiec.Contract.Cz;
using Eiec.FrontEnd.Import;

namespace Eiec.FrontEnd.Training;

/// <summary>A multilayer perceptron of FC layers (ReLU on hidden layers) in training.</summary>
public sealed class Mlp
{
    public required string Name { get; init; }
    public required IReadOnlyList<MlpLayer> Layers { get; init; }

    public int Inputs => Layers[0].Inputs;
    public int Outputs => Layers[^1].Outputs;

    /// <summary>
    /// A new network of the given sizes (e.g. 784, 300, 100, 10), layers fc0, fc1, …; weights drawn
    /// from N(0, 2/inputs) (He initialisation, suited to ReLU), biases zero.
    /// </summary>
    public static Mlp Create(string name, IReadOnlyList<int> sizes, long seed)
    {
        if (sizes.Count < 2)
            throw new ArgumentException("a network needs at least an input and an output size", nameof(sizes));
        var rng = new SeededRandom(seed);
        var layers = new List<MlpLayer>();
        for (int l = 0; l + 1 < sizes.Count; l++)
        {
            int inputs = sizes[l], outputs = sizes[l + 1];
            var w = new float[(long)inputs * outputs];
            double std = Math.Sqrt(2.0 / inputs);
            for (long k = 0; k < w.LongLength; k++) w[k] = (float)(rng.NextGaussian() * std);
            layers.Add(new MlpLayer
            {
                Name = $"fc{l}", Inputs = inputs, Outputs = outputs, Weight = w, Bias = new float[outputs],
                Relu = l + 2 < sizes.Count,
            });
        }
        return new Mlp { Name = name, Layers = layers };
    }

    /// <summary>
    /// A trainable copy of a dense model (weights and biases are copied; a missing bias starts at zero).
    /// </summary>
    public static Mlp FromDense(DenseModel model) => new()
    {
        Name = model.Name,
        Layers = model.Layers.Select(l => new MlpLayer
        {
            Name = l.Name, Inputs = l.Inputs, Outputs = l.Outputs, Weight = (float[])l.Weight.Clone(),
            Bias = l.Bias is null ? new float[l.Outputs] : (float[])l.Bias.Clone(),
            Relu = l.Activation == LayerActivation.Relu,
        }).ToList(),
    };

    public DenseModel ToDense() => new(Name, Layers.Select(l => new DenseLayer
    {
        Name = l.Name, Inputs = l.Inputs, Outputs = l.Outputs, Weight = (float[])l.Weight.Clone(),
        Bias = (float[])l.Bias.Clone(), Activation = l.Relu ? LayerActivation.Relu : LayerActivation.None,
    }).ToList());
}
