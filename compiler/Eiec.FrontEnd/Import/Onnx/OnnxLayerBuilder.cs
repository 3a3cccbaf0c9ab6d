using Eiec.Contract.Cz;

namespace Eiec.FrontEnd.Import.Onnx;

/// <summary>A layer being assembled from Gemm/MatMul, Add, BatchNormalization and Relu nodes.</summary>
internal sealed class OnnxLayerBuilder(string name, int inputs, int outputs, float[] weight, float[]? bias)
{
    public string Name { get; private set; } = name;
    public int Inputs => inputs;
    public int Outputs => outputs;
    /// <summary>Outputs × Inputs, row-major.</summary>
    public float[] Weight => weight;
    public float[]? Bias { get; set; } = bias;
    public LayerActivation Activation { get; set; } = LayerActivation.None;
    /// <summary>Named fcK because neither the weight nor the node named a module; the bias may still.</summary>
    public bool NamedByPosition { get; set; }

    public void Rename(string newName)
    {
        Name = newName;
        NamedByPosition = false;
    }

    public DenseLayer Build() => new()
    {
        Name = Name, Inputs = inputs, Outputs = outputs, Weight = weight, Bias = Bias, Activation = Activation,
    };
}
