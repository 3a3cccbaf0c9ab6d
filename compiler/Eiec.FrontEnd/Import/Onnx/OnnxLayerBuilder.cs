using Eiec.Contract.Cz;

namespace Eiec.FrontEnd.Import.Onnx;

/// <summary>A layer being assembled from Gemm/MatMul, Add and Relu nodes.</summary>
internal sealed class OnnxLayerBuilder(string name, int inputs, int outputs, float[] weight, float[]? bias)
{
    public int Outputs => outputs;
    public float[]? Bias { get; set; } = bias;
    public LayerActivation Activation { get; set; } = LayerActivation.None;
    public DenseLayer Build() => new()
    {
        Name = name, Inputs = inputs, Outputs = outputs, Weight = weight, Bias = Bias, Activation = Activation,
    };
    public string Name => name;
}
