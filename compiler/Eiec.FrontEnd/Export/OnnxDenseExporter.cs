using Eiec.Contract.Cz;
using Eiec.FrontEnd.Import;
using Eiec.FrontEnd.Import.Onnx;
using Google.Protobuf;

namespace Eiec.FrontEnd.Export;

/// <summary>
/// Writes a dense model as ONNX the way torch.onnx.export writes an nn.Linear chain: input "input"
/// [batch, inputs] → Gemm(transB = 1, W = NAME.weight [outputs, inputs], C = NAME.bias) → Relu → … →
/// output "output" [batch, outputs] (logits). Opset 13, IR version 7, float32 initializers in
/// raw_data; deterministic bytes. <see cref="OnnxDenseImporter"/> reads it back unchanged.
/// </summary>
public static class OnnxDenseExporter
{
    public const int Opset = 13;
    private const long IrVersion = 7;

    public static byte[] ToBytes(DenseModel model)
    {
        var graph = new GraphProto { Name = model.Name };
        graph.Input.Add(ValueInfo("input", model.Inputs));
        string current = "input";
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            bool last = l == model.Layers.Count - 1;
            string weight = $"{layer.Name}.weight", bias = $"{layer.Name}.bias";
            graph.Initializer.Add(Tensor(weight, [layer.Outputs, layer.Inputs], layer.Weight));
            var gemm = new NodeProto { Name = $"/{layer.Name}/Gemm", OpType = "Gemm" };
            gemm.Input.Add(current);
            gemm.Input.Add(weight);
            if (layer.Bias is { } b)
            {
                graph.Initializer.Add(Tensor(bias, [layer.Outputs], b));
                gemm.Input.Add(bias);
            }
            gemm.Attribute.Add(new AttributeProto
            {
                Name = "transB", Type = AttributeProto.Types.AttributeType.Int,
                I = 1
            });
            bool relu = layer.Activation == LayerActivation.Relu;
            string gemmOut = last && !relu ? "output" : $"/{layer.Name}/Gemm_output_0";
            gemm.Output.Add(gemmOut);
            graph.Node.Add(gemm);
            current = gemmOut;
            if (relu)
            {
                string reluOut = last ? "output" : $"/{layer.Name}/Relu_output_0";
                var node = new NodeProto { Name = $"/{layer.Name}/Relu", OpType = "Relu" };
                node.Input.Add(current);
                node.Output.Add(reluOut);
                graph.Node.Add(node);
                current = reluOut;
            }
        }
        graph.Output.Add(ValueInfo("output", model.Outputs));
        var proto = new ModelProto { IrVersion = IrVersion, ProducerName = "eiec", Graph = graph };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return proto.ToByteArray();
    }

    private static ValueInfoProto ValueInfo(string name, int features)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = features });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor
                {
                    ElemType = (int)TensorProto.Types.DataType.Float,
                    Shape = shape
                },
            },
        };
    }

    private static TensorProto Tensor(string name, long[] dims, float[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        var bytes = new byte[values.LongLength * 4];
        for (long k = 0; k < values.LongLength; k++)
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan((int)(k * 4), 4), values[k]);
        t.RawData = ByteString.CopyFrom(bytes);
        return t;
    }
}
