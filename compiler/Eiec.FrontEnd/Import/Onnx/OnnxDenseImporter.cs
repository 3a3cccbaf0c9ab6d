using System.Buffers.Binary;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Import;
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
    private static readonly string[] PassThrough = ["Identity", "Dropout", "Flatten", "Reshape", "Squeeze",
        "Unsqueeze"];
    private const string Supported = "Gemm, MatMul, Add (bias), Relu, eval-mode BatchNormalization (folded), Flatten, "
        + "Reshape to "
        + "[batch, features], Identity, Dropout, Squeeze, Unsqueeze, Constant, constant "
            + "Transpose/Cast/Shape/Gather/Unsqueeze/Concat "
        + "(folded), and a final Softmax/LogSoftmax";

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

        var constants = new OnnxConstantFolder();
        foreach (var init in graph.Initializer) constants.AddInitializer(init);

        var dataInputs = graph.Input.Where(i => !constants.IsKnown(i.Name)).ToList();
        if (dataInputs.Count != 1)
            throw new EiecException($"{source}: the graph has {dataInputs.Count} data inputs "
                + $"({string.Join(", ", dataInputs.Select(i => $"'{i.Name}'"))}); an MLP has exactly one");
        string current = dataInputs[0].Name;
        long[] shape = ShapeOf(dataInputs[0]);
        long? features = FeaturesOf(shape);
        if (graph.Output.Count != 1)
            throw new EiecException($"{source}: the graph has {graph.Output.Count} outputs; an MLP has exactly one");
        string graphOutput = graph.Output[0].Name;

        var layers = new List<OnnxLayerBuilder>();
        bool lastWasLayerOp = false;
        Affine? pending = null; // an eval-mode BatchNormalization waiting for the next layer's inputs
        string? pendingWhere = null;
        for (int n = 0; n < graph.Node.Count; n++)
        {
            var node = graph.Node[n];
            string where = $"{source}: node '{(node.Name.Length > 0 ? node.Name : $"#{n}")}' ({node.OpType})";
            if (node.Domain.Length > 0 && node.Domain != "ai.onnx")
                throw new EiecException($"{where} is from operator domain '{node.Domain}', which eiec cannot import; "
                    + $"supported: {Supported}");
            if (node.Output.Count < 1 || node.Output[0].Length == 0) throw new EiecException($"{where} has no output");
            if (node.OpType == "Constant")
            {
                constants.AddConstantNode(node, where);
                continue;
            }
            var inputs = node.Input.Where(i => i.Length > 0).ToList();
            if (inputs.Count > 0 && inputs.All(constants.IsKnown))
            {
                if (constants.TryFold(node, where)) continue;
                throw new EiecException($"{where} computes only from constants "
                    + $"({string.Join(", ", inputs.Select(i => $"'{i}'"))}), "
                    + $"and eiec folds only {OnnxConstantFolder.FoldableOps} of constants");
            }
            if (node.OpType == "Shape")
            {
                if (inputs[0] != current)
                    throw new EiecException($"{where} reads '{inputs[0]}', but the data tensor at this point of the "
                        + $"chain is '{current}'; supported: Shape of the data tensor");
                constants.FoldShape(node, shape);
                continue;
            }
            var dataIn = inputs.Where(i => !constants.IsKnown(i)).ToList();
            if (dataIn.Count != 1 || dataIn[0] != current)
                throw new EiecException(dataIn.Count != 1
                    ? $"{where} reads {dataIn.Count} computed tensors "
                        + $"({string.Join(", ", dataIn.Select(i => $"'{i}'"))}); an MLP graph is a chain in which each "
                            + $"node reads the previous node's output and constants; supported: {Supported}"
                    : $"{where} reads '{dataIn[0]}', but the data tensor at this point of the chain is '{current}' (an "
                        + $"MLP graph is a chain in which each node reads the previous node's output and constants)");
            if (node.OpType is "Gemm" or "MatMul" or "Add" or "Reshape" && node.Input.Count < 2)
                throw new EiecException($"{where} has {node.Input.Count} input(s); {node.OpType} takes at least 2");
            if (pending is not null
                && node.OpType is not ("Gemm" or "MatMul" or "Identity" or "Dropout" or "Flatten" or "Reshape"
                    or "BatchNormalization"))
                throw new EiecException($"{pendingWhere}: a BatchNormalization that is not right after a Gemm/MatMul "
                    + $"is folded into the next Gemm/MatMul, "
                    + $"but node '{node.Name}' ({node.OpType}) comes first; supported: BatchNormalization next to a "
                        + $"Gemm/MatMul");

            switch (node.OpType)
            {
                case "Gemm":
                    {
                        if (Int(node, "transA", 0) != 0) throw new EiecException($"{where} has transA = 1; only transA "
                            + $"= 0 "
                            + $"(batch-first data) is supported");
                        if (node.Input[0] != current) throw new EiecException($"{where}: the data must be input A; "
                            + $"supported: Gemm(x, W) with constant W");
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
                        var layer = NewLayer(constants.Get(node.Input[1], where).Origin, node.Name, layers, inputsCount,
                            outputs, w, bias);
                        FoldPending(ref pending, layer, where);
                        layers.Add(layer);
                        features = outputs;
                        shape = [shape[0], outputs];
                        lastWasLayerOp = true;
                        break;
                    }
                case "MatMul":
                    {
                        if (node.Input[0] != current) throw new EiecException($"{where}: the data must be the first "
                            + $"input; "
                            + $"supported: MatMul(x, W) with constant W [inputs, outputs]");
                        var b = Tensor2D(constants, node.Input[1], where, "B");
                        CheckFeatures(ref features, (int)b.Rows, where);
                        var layer = NewLayer(constants.Get(node.Input[1], where).Origin, node.Name, layers, (int)b.Rows,
                            (int)b.Cols,
                            RowMajor.Transpose(b.Data, (int)b.Rows, (int)b.Cols), null);
                        FoldPending(ref pending, layer, where);
                        layers.Add(layer);
                        features = b.Cols;
                        shape = [shape[0], b.Cols];
                        lastWasLayerOp = true;
                        break;
                    }
                case "Add":
                    {
                        if (!lastWasLayerOp || layers.Count == 0)
                            throw new EiecException($"{where}: Add is supported only as the bias of a MatMul or Gemm "
                                + $"it "
                                + $"directly follows");
                        var layer = layers[^1];
                        string constName = inputs.Single(i => i != current);
                        var c = BiasVector(constants, constName, layer.Outputs, where);
                        if (layer.Bias is null) layer.Bias = c;
                        else for (int k = 0; k < c.Length; k++) layer.Bias[k] += c[k];
                        // PyTorch's MatMul export names the weight onnx::MatMul_N; the bias keeps the module name.
                        if (layer.NamedByPosition && ModuleName(constants.Get(constName,
                            where).Origin) is { } name && layers.All(l => l.Name != name))
                            layer.Rename(name);
                        break;
                    }
                case "BatchNormalization":
                    {
                        var bn = BatchNorm(node, constants, features, where);
                        if (lastWasLayerOp && layers.Count > 0) FoldAfter(layers[^1], bn);
                        else
                        {
                            pending = pending is null ? bn : Affine.Then(pending, bn);
                            pendingWhere = where;
                        }
                        break;
                    }
                case "Relu":
                    if (layers.Count == 0) throw new EiecException($"{where} applies Relu to the network input; eiec "
                        + $"supports Relu only after a layer");
                    layers[^1].Activation = LayerActivation.Relu;
                    lastWasLayerOp = false;
                    break;
                case "Softmax" or "LogSoftmax":
                    if (node.Output[0] != graphOutput || n != graph.Node.Count - 1)
                        throw new EiecException($"{where}: {node.OpType} is supported only as the last node of the "
                            + $"graph (it is dropped: top-1 is unchanged)");
                    lastWasLayerOp = false;
                    break;
                case "Flatten":
                    {
                        long axis = Int(node, "axis", 1);
                        if (axis != 1) throw new EiecException($"{where} has axis = {axis}; only axis = 1 (flatten "
                            + $"everything but the batch) is supported");
                        shape = [shape[0], FeaturesOf(shape) ?? OnnxValue.Unknown];
                        lastWasLayerOp = false;
                        break;
                    }
                case "Reshape":
                    {
                        var target = constants.Get(node.Input[1], where);
                        if (target.Ints is null)
                            throw new EiecException($"{where}: the target shape '{node.Input[1]}' is not an integer "
                                + $"tensor");
                        var dims = target.Ints;
                        bool batchFirst = dims.Length == 2
                            && (dims[0] is -1 or 0 or 1 or OnnxValue.Batch || dims[0] > 1)
                            && (dims[1] == -1 || dims[1] > 0);
                        if (!batchFirst)
                            throw new EiecException($"{where} reshapes to "
                                + $"[{string.Join(", ", dims.Select(OnnxValue.Show))}]; supported: a batch-first 2-D "
                                    + $"shape "
                                + "[batch, features] with batch -1, 0, 1, a static batch size or x.size(0), and "
                                    + "features "
                                    + "-1 or the feature count");
                        if (dims[0] > 1 && shape[0] > 0 && shape[0] != dims[0])
                            throw new EiecException($"{where} reshapes a batch of {shape[0]} to [{dims[0]}, "
                                + $"{OnnxValue.Show(dims[1])}]; supported: the same static batch size");
                        if (dims[1] > 0) CheckFeatures(ref features, (int)dims[1], where);
                        shape = [shape[0], features ?? OnnxValue.Unknown];
                        lastWasLayerOp = false;
                        break;
                    }
                default:
                    if (Array.IndexOf(PassThrough, node.OpType) < 0)
                        throw new EiecException($"{where} has op type '{node.OpType}', which eiec cannot import into "
                            + $"an FC network; supported: {Supported}");
                    lastWasLayerOp = false;
                    break;
            }
            current = node.Output[0];
        }
        if (pending is not null)
            throw new EiecException($"{pendingWhere}: no Gemm/MatMul follows this BatchNormalization to fold it into; "
                + $"supported: BatchNormalization next to a Gemm/MatMul");
        if (current != graphOutput)
            throw new EiecException($"{source}: the chain of nodes ends at '{current}' but the graph output is "
                + $"'{graphOutput}'");
        if (layers.Count == 0) throw new EiecException($"{source}: the graph has no Gemm or MatMul layer");
        return new DenseModel(modelName, layers.Select(b => b.Build()).ToList()).Validated(source);
    }

    /// <summary>
    /// A layer named from its weight's initializer ("fc1.weight" → "fc1", also through a folded Transpose),
    /// else from its node's module path ("/fc1/MatMul" → "fc1", "/net/fc1/Gemm" → "net.fc1"), else fcK
    /// (renamed from the bias later if that names a module).
    /// </summary>
    private static OnnxLayerBuilder NewLayer(string weightName, string nodeName, List<OnnxLayerBuilder> layers,
        int inputs, int outputs, float[] w, float[]? bias)
    {
        bool Free(string? name) => name is not null && layers.All(l => l.Name != name);
        var name = ModuleName(weightName);
        if (!Free(name)) name = NodeModule(nodeName);
        bool byPosition = !Free(name);
        if (byPosition) name = $"fc{layers.Count}";
        return new OnnxLayerBuilder(name!, inputs, outputs, w, bias) { NamedByPosition = byPosition };
    }

    /// <summary>"fc1.weight" → "fc1", "dense/kernel:0" → "dense"; null for generated names (onnx::MatMul_12).</summary>
    private static string? ModuleName(string tensorName)
    {
        string name = tensorName;
        foreach (var suffix in new[] { ":0", ".weight", ".bias", "/kernel", "/bias", "/MatMul/ReadVariableOp",
            "/BiasAdd/ReadVariableOp", "/ReadVariableOp" })
            if (name.EndsWith(suffix, StringComparison.Ordinal)) name = name[..^suffix.Length];
        name = name.Trim('/', '.');
        return name.Length == 0 || name.Contains("::") || name.Contains("_output_") ? null : name;
    }

    /// <summary>PyTorch's node names are the module path and the op: "/fc1/MatMul" → "fc1".</summary>
    private static string? NodeModule(string nodeName)
    {
        var parts = nodeName.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? string.Join(".", parts[..^1]) : null;
    }

    private static Affine BatchNorm(NodeProto node, OnnxConstantFolder constants, long? features, string where)
    {
        if (Int(node, "training_mode", 0) != 0 || node.Output.Count(o => o.Length > 0) > 1)
            throw new EiecException($"{where} is in training mode (it updates running statistics); supported: an "
                + $"eval-mode BatchNormalization (export with model.eval())");
        if (node.Input.Count < 5) throw new EiecException($"{where} has {node.Input.Count} inputs; BatchNormalization "
            + $"takes X, scale, B, mean, var");
        float epsilon = Float(node, "epsilon", 1e-5f);
        var p = new float[4][];
        for (int k = 0; k < 4; k++)
        {
            var v = constants.Get(node.Input[k + 1], where);
            p[k] = v.Floats ?? throw new EiecException($"{where}: '{node.Input[k + 1]}' is not a float tensor");
            if (p[k].Length != p[0].Length || (features is { } f && p[k].Length != f))
                throw new EiecException($"{where}: '{node.Input[k + 1]}' has {p[k].Length} values but the data has "
                    + $"{features} features");
        }
        int c = p[0].Length;
        var scale = new double[c];
        var shift = new double[c];
        for (int i = 0; i < c; i++)
        {
            scale[i] = p[0][i] / Math.Sqrt((double)p[3][i] + epsilon);
            shift[i] = p[1][i] - p[2][i] * scale[i];
        }
        return new Affine(scale, shift);
    }

    /// <summary>y = s ⊙ (W x + b) + t: rows of W scaled, bias mapped.</summary>
    private static void FoldAfter(OnnxLayerBuilder layer, Affine bn)
    {
        var w = layer.Weight;
        int inputs = layer.Inputs;
        var bias = layer.Bias ?? new float[layer.Outputs];
        for (int o = 0; o < layer.Outputs; o++)
        {
            for (int i = 0; i < inputs; i++) w[(long)o * inputs + i] = (float)(w[(long)o * inputs + i] * bn.Scale[o]);
            bias[o] = (float)(bias[o] * bn.Scale[o] + bn.Shift[o]);
        }
        layer.Bias = bias;
    }

    /// <summary>y = W (s ⊙ x + t) + b = (W diag s) x + (W t + b).</summary>
    private static void FoldPending(ref Affine? pending, OnnxLayerBuilder layer, string where)
    {
        if (pending is not { } bn) return;
        if (bn.Scale.Length != layer.Inputs)
            throw new EiecException($"{where}: the BatchNormalization before it has {bn.Scale.Length} channels but the "
                + $"layer takes {layer.Inputs} inputs");
        var w = layer.Weight;
        int inputs = layer.Inputs;
        var bias = layer.Bias ?? new float[layer.Outputs];
        for (int o = 0; o < layer.Outputs; o++)
        {
            double extra = 0;
            for (int i = 0; i < inputs; i++)
            {
                long k = (long)o * inputs + i;
                extra += w[k] * bn.Shift[i];
                w[k] = (float)(w[k] * bn.Scale[i]);
            }
            bias[o] = (float)(bias[o] + extra);
        }
        layer.Bias = bias;
        pending = null;
    }

    /// <summary>The input's dimensions; the first is the batch (symbolic unless the model fixes it).</summary>
    private static long[] ShapeOf(ValueInfoProto input)
    {
        var dims = input.Type?.TensorType?.Shape?.Dim;
        if (dims is null || dims.Count == 0) return [OnnxValue.Batch, OnnxValue.Unknown];
        return dims.Select((d,
            i) => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue > 0
            ? d.DimValue : i == 0 ? OnnxValue.Batch : OnnxValue.Unknown).ToArray();
    }

    /// <summary>Features per example: the product of every dimension but the batch, when all are known.</summary>
    private static long? FeaturesOf(long[] shape)
    {
        if (shape.Length < 2) return null;
        long product = 1;
        for (int d = 1; d < shape.Length; d++)
        {
            if (shape[d] <= 0) return null;
            product *= shape[d];
        }
        return product;
    }

    private static void CheckFeatures(ref long? features, int inputs, string where)
    {
        if (features is { } f && f != inputs)
            throw new EiecException($"{where}: shape mismatch: the layer takes {inputs} inputs but its input tensor "
                + $"has {f} features");
        features = inputs;
    }

    private static long Int(NodeProto node, string name, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : fallback;

    private static float Float(NodeProto node, string name, float fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.F : fallback;

    private static OnnxMatrix Tensor2D(OnnxConstantFolder constants, string name, string where, string role)
    {
        var t = constants.Get(name, where);
        if (t.Dims.Length != 2 || t.Floats is null)
            throw new EiecException($"{where}: {role} '{name}' has shape {t.Shape}; a weight matrix must be a 2-D "
                + $"float tensor");
        return new OnnxMatrix(t.Dims[0], t.Dims[1], (float[])t.Floats.Clone());
    }

    private static float[] BiasVector(OnnxConstantFolder constants, string name, int outputs, string where)
    {
        var t = constants.Get(name, where);
        long count = t.Count;
        bool vectorShape = t.Dims.Count(d => d != 1) <= 1;
        if (!vectorShape || (count != outputs && count != 1) || t.Floats is null)
            throw new EiecException($"{where}: shape mismatch: bias '{name}' has shape {t.Shape} but the layer has "
                + $"{outputs} outputs");
        return count == outputs ? (float[])t.Floats.Clone() : Enumerable.Repeat(t.Floats[0], outputs).ToArray();
    }
}
