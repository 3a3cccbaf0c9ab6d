using Eiec.FrontEnd.Import;
using System.Buffers.Binary;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Google.Protobuf;

namespace Eiec.FrontEnd.Import.Onnx;

/// <summary>
/// Reads an ONNX model of a multilayer perceptron, as PyTorch (<c>torch.onnx.export</c>) and Keras
/// (tf2onnx) export them, into a <see cref="DenseModel"/>. The graph must be a chain starting at its
/// one data input:
/// <list type="bullet">
/// <item>Gemm (transA = 0, transB 0 or 1, alpha/beta folded in) with constant B and C, or
///   MatMul with a constant [inputs, outputs] B, optionally followed by Add of a constant bias;</item>
/// <item>Relu after a layer sets that layer's activation;</item>
/// <item>Flatten (axis 1), Reshape to a constant 2-D shape, Identity, Dropout, Squeeze/Unsqueeze are
///   passed through (they do not change the features of an MLP's batch-first data);</item>
/// <item>a final Softmax/LogSoftmax that produces the graph output is dropped (it is monotonic, so
///   the top-1 prediction is unchanged; the compressed model outputs logits).</item>
/// </list>
/// Initializers (and Constant nodes) may hold FLOAT or DOUBLE data as raw_data or float_data/double_data.
/// Anything else is an <see cref="EiecException"/> naming the node and its op type.
/// </summary>
public static class OnnxDenseImporter
{
    private static readonly string[] PassThrough = ["Identity", "Dropout", "Flatten", "Reshape", "Squeeze", "Unsqueeze"];
    private const string Supported = "Gemm, MatMul, Add (bias), Relu, Flatten, Reshape, Identity, Dropout, Squeeze, Unsqueeze, Constant, and a final Softmax/LogSoftmax";

    public static DenseModel Read(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new EiecException($"{path}: cannot read the ONNX model: {e.Message}"); }
        return Parse(bytes, path, Path.GetFileNameWithoutExtension(path));
    }

    public static DenseModel Parse(byte[] bytes, string source, string modelName)
    {
        ModelProto model;
        try { model = ModelProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e)
        { throw new EiecException($"{source}: not a valid ONNX model (protobuf: {e.Message})"); }
        var graph = model.Graph ?? throw new EiecException($"{source}: the ONNX model has no graph");

        var constants = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var init in graph.Initializer) constants[init.Name] = init;

        var dataInputs = graph.Input.Where(i => !constants.ContainsKey(i.Name)).ToList();
        if (dataInputs.Count != 1)
            throw new EiecException($"{source}: the graph has {dataInputs.Count} data inputs ({string.Join(", ", dataInputs.Select(i => $"'{i.Name}'"))}); an MLP has exactly one");
        string current = dataInputs[0].Name;
        long? features = FeaturesOf(dataInputs[0]);
        if (graph.Output.Count != 1)
            throw new EiecException($"{source}: the graph has {graph.Output.Count} outputs; an MLP has exactly one");
        string graphOutput = graph.Output[0].Name;

        var layers = new List<OnnxLayerBuilder>();
        bool lastWasLayerOp = false;
        for (int n = 0; n < graph.Node.Count; n++)
        {
            var node = graph.Node[n];
            string where = $"{source}: node '{(node.Name.Length > 0 ? node.Name : $"#{n}")}' ({node.OpType})";
            if (node.Domain.Length > 0 && node.Domain != "ai.onnx")
                throw new EiecException($"{where} is from operator domain '{node.Domain}', which eiec cannot import; supported: {Supported}");
            if (node.OpType == "Constant")
            {
                var value = node.Attribute.FirstOrDefault(a => a.Name == "value")?.T
                    ?? throw new EiecException($"{where} has no tensor 'value' attribute");
                constants[node.Output[0]] = value;
                continue;
            }
            var inputs = node.Input.Where(i => i.Length > 0).ToList();
            var dataIn = inputs.Where(i => !constants.ContainsKey(i)).ToList();
            if (dataIn.Count != 1 || dataIn[0] != current)
                throw new EiecException($"{where} reads {string.Join(", ", dataIn.Select(i => $"'{i}'"))}, but an MLP graph is a chain and the current tensor is '{current}'");
            if (node.Output.Count < 1) throw new EiecException($"{where} has no output");
            if (node.OpType is "Gemm" or "MatMul" or "Add" or "Reshape" && node.Input.Count < 2)
                throw new EiecException($"{where} has {node.Input.Count} input(s); {node.OpType} takes at least 2");

            switch (node.OpType)
            {
                case "Gemm":
                {
                    if (Int(node, "transA", 0) != 0) throw new EiecException($"{where} has transA = 1; only transA = 0 (batch-first data) is supported");
                    if (node.Input[0] != current) throw new EiecException($"{where}: the data must be input A");
                    var b = Tensor2D(constants, node.Input[1], where, "B");
                    bool transB = Int(node, "transB", 0) != 0;
                    float alpha = Float(node, "alpha", 1f), beta = Float(node, "beta", 1f);
                    int outputs = (int)(transB ? b.Rows : b.Cols), inputsCount = (int)(transB ? b.Cols : b.Rows);
                    CheckFeatures(ref features, inputsCount, where);
                    var w = transB ? b.Data : RowMajor.Transpose(b.Data, (int)b.Rows, (int)b.Cols);
                    if (alpha != 1f) for (long k = 0; k < w.LongLength; k++) w[k] *= alpha;
                    float[]? bias = null;
                    if (node.Input.Count > 2 && node.Input[2].Length > 0)
                    {
                        bias = BiasVector(constants, node.Input[2], outputs, where);
                        if (beta != 1f) for (int k = 0; k < bias.Length; k++) bias[k] *= beta;
                    }
                    layers.Add(new OnnxLayerBuilder(LayerName(node.Input[1], layers), inputsCount, outputs, w, bias));
                    features = outputs;
                    lastWasLayerOp = true;
                    break;
                }
                case "MatMul":
                {
                    if (node.Input[0] != current) throw new EiecException($"{where}: the data must be the first input (x · W with W [inputs, outputs])");
                    var b = Tensor2D(constants, node.Input[1], where, "B");
                    CheckFeatures(ref features, (int)b.Rows, where);
                    layers.Add(new OnnxLayerBuilder(LayerName(node.Input[1], layers), (int)b.Rows, (int)b.Cols,
                        RowMajor.Transpose(b.Data, (int)b.Rows, (int)b.Cols), null));
                    features = b.Cols;
                    lastWasLayerOp = true;
                    break;
                }
                case "Add":
                {
                    if (!lastWasLayerOp || layers.Count == 0)
                        throw new EiecException($"{where}: Add is supported only as the bias of a MatMul or Gemm it directly follows");
                    var layer = layers[^1];
                    string constName = inputs.Single(i => i != current);
                    var c = BiasVector(constants, constName, layer.Outputs, where);
                    if (layer.Bias is null) layer.Bias = c;
                    else for (int k = 0; k < c.Length; k++) layer.Bias[k] += c[k];
                    break;
                }
                case "Relu":
                    if (layers.Count == 0) throw new EiecException($"{where} applies Relu to the network input; eiec supports Relu only after a layer");
                    layers[^1].Activation = LayerActivation.Relu;
                    lastWasLayerOp = false;
                    break;
                case "Softmax" or "LogSoftmax":
                    if (node.Output[0] != graphOutput || n != graph.Node.Count - 1)
                        throw new EiecException($"{where}: {node.OpType} is supported only as the last node of the graph (it is dropped: top-1 is unchanged)");
                    lastWasLayerOp = false;
                    break;
                case "Flatten":
                    if (Int(node, "axis", 1) != 1) throw new EiecException($"{where} has axis = {Int(node, "axis", 1)}; only axis = 1 (flatten everything but the batch) is supported");
                    lastWasLayerOp = false;
                    break;
                case "Reshape":
                {
                    var shape = Int64s(constants, node.Input[1], where);
                    if (shape.Length != 2 || shape[0] is not (-1 or 0 or 1))
                        throw new EiecException($"{where} reshapes to [{string.Join(", ", shape)}]; only a batch-first 2-D shape [-1|0|1, features] is supported");
                    if (shape[1] > 0) CheckFeatures(ref features, (int)shape[1], where);
                    lastWasLayerOp = false;
                    break;
                }
                default:
                    if (Array.IndexOf(PassThrough, node.OpType) < 0)
                        throw new EiecException($"{where} has op type '{node.OpType}', which eiec cannot import into an FC network; supported: {Supported}");
                    lastWasLayerOp = false;
                    break;
            }
            current = node.Output[0];
        }
        if (current != graphOutput)
            throw new EiecException($"{source}: the chain of nodes ends at '{current}' but the graph output is '{graphOutput}'");
        if (layers.Count == 0) throw new EiecException($"{source}: the graph has no Gemm or MatMul layer");
        return new DenseModel(modelName, layers.Select(b => b.Build()).ToList()).Validated(source);
    }


    /// <summary>Layer name from the weight initializer ("fc1.weight" → "fc1", "dense/kernel:0" → "dense"), else fcK.</summary>
    private static string LayerName(string weightName, List<OnnxLayerBuilder> layers)
    {
        string name = weightName;
        foreach (var suffix in new[] { ":0", ".weight", "/kernel", "/MatMul/ReadVariableOp", "/ReadVariableOp" })
            if (name.EndsWith(suffix, StringComparison.Ordinal)) name = name[..^suffix.Length];
        name = name.Trim('/', '.');
        if (name.Length == 0 || name.Contains("::") || layers.Any(l => l.Name == name)) name = $"fc{layers.Count}";
        return name;
    }

    private static long? FeaturesOf(ValueInfoProto input)
    {
        var dims = input.Type?.TensorType?.Shape?.Dim;
        if (dims is null || dims.Count < 2) return null;
        long product = 1;
        for (int d = 1; d < dims.Count; d++)
        {
            if (dims[d].ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue || dims[d].DimValue <= 0) return null;
            product *= dims[d].DimValue;
        }
        return product;
    }

    private static void CheckFeatures(ref long? features, int inputs, string where)
    {
        if (features is { } f && f != inputs)
            throw new EiecException($"{where}: shape mismatch: the layer takes {inputs} inputs but its input tensor has {f} features");
        features = inputs;
    }

    private static long Int(NodeProto node, string name, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : fallback;

    private static float Float(NodeProto node, string name, float fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.F : fallback;

    private static TensorProto Constant(Dictionary<string, TensorProto> constants, string name, string where) =>
        constants.TryGetValue(name, out var t) ? t
            : throw new EiecException($"{where}: input '{name}' is not an initializer or constant; weights must be stored in the model");

    private static OnnxMatrix Tensor2D(Dictionary<string, TensorProto> constants, string name, string where, string role)
    {
        var t = Constant(constants, name, where);
        if (t.Dims.Count != 2)
            throw new EiecException($"{where}: {role} '{name}' has shape [{string.Join(", ", t.Dims)}]; a weight matrix must be 2-D");
        return new OnnxMatrix(t.Dims[0], t.Dims[1], Floats(t, where));
    }

    private static float[] BiasVector(Dictionary<string, TensorProto> constants, string name, int outputs, string where)
    {
        var t = Constant(constants, name, where);
        long count = t.Dims.Aggregate(1L, (a, d) => a * d);
        bool vectorShape = t.Dims.Count(d => d != 1) <= 1;
        if (!vectorShape || (count != outputs && count != 1))
            throw new EiecException($"{where}: shape mismatch: bias '{name}' has shape [{string.Join(", ", t.Dims)}] but the layer has {outputs} outputs");
        var data = Floats(t, where);
        return count == outputs ? data : Enumerable.Repeat(data[0], outputs).ToArray();
    }

    private static float[] Floats(TensorProto t, string where)
    {
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
            throw new EiecException($"{where}: tensor '{t.Name}' keeps its data in an external file; export with the weights inside the model");
        long count = t.Dims.Aggregate(1L, (a, d) => a * d);
        float[] result;
        switch ((TensorProto.Types.DataType)t.DataType)
        {
            case TensorProto.Types.DataType.Float:
                if (t.RawData.Length > 0)
                {
                    var raw = t.RawData.Span;
                    if (raw.Length != count * 4) throw new EiecException($"{where}: tensor '{t.Name}' has {raw.Length} bytes of raw_data for {count} floats");
                    result = new float[count];
                    for (long k = 0; k < count; k++) result[k] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice((int)(k * 4), 4));
                }
                else result = t.FloatData.ToArray();
                break;
            case TensorProto.Types.DataType.Double:
                if (t.RawData.Length > 0)
                {
                    var raw = t.RawData.Span;
                    if (raw.Length != count * 8) throw new EiecException($"{where}: tensor '{t.Name}' has {raw.Length} bytes of raw_data for {count} doubles");
                    result = new float[count];
                    for (long k = 0; k < count; k++) result[k] = (float)BinaryPrimitives.ReadDoubleLittleEndian(raw.Slice((int)(k * 8), 8));
                }
                else result = t.DoubleData.Select(d => (float)d).ToArray();
                break;
            default:
                throw new EiecException($"{where}: tensor '{t.Name}' has data type {(TensorProto.Types.DataType)t.DataType}; weights must be FLOAT or DOUBLE");
        }
        if (result.LongLength != count)
            throw new EiecException($"{where}: tensor '{t.Name}' has {result.LongLength} values for shape [{string.Join(", ", t.Dims)}]");
        return result;
    }

    private static long[] Int64s(Dictionary<string, TensorProto> constants, string name, string where)
    {
        var t = Constant(constants, name, where);
        if ((TensorProto.Types.DataType)t.DataType != TensorProto.Types.DataType.Int64)
            throw new EiecException($"{where}: shape tensor '{name}' has data type {(TensorProto.Types.DataType)t.DataType}, expected INT64");
        if (t.RawData.Length > 0)
        {
            var raw = t.RawData.Span;
            var values = new long[raw.Length / 8];
            for (int k = 0; k < values.Length; k++) values[k] = BinaryPrimitives.ReadInt64LittleEndian(raw.Slice(k * 8, 8));
            return values;
        }
        return t.Int64Data.ToArray();
    }
}
