using System.Buffers.Binary;
using Eiec.Contract.Diagnostics;

namespace Eiec.FrontEnd.Import.Onnx;

/// <summary>
/// The constants of an ONNX graph (initializers, Constant nodes) and the small computations on them
/// that exporters emit around an MLP: Transpose of a weight, Cast, Identity, and the shape arithmetic
/// of PyTorch's <c>x.view(x.size(0), -1)</c> (Shape → Gather → Unsqueeze → Concat feeding a Reshape).
/// A node is folded when every input is known here; Shape is folded from the data tensor's shape,
/// whose batch dimension stays symbolic (<see cref="OnnxValue.Batch"/>).
/// </summary>
internal sealed class OnnxConstantFolder
{
    /// <summary>Ops folded when their inputs are constant.</summary>
    public const string FoldableOps = "Transpose, Cast, Identity, Gather, Unsqueeze, Squeeze, Concat, Reshape, Shape";

    private readonly Dictionary<string, TensorProto> _protos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxValue> _values = new(StringComparer.Ordinal);

    public void AddInitializer(TensorProto t) => _protos[t.Name] = t;

    public bool IsKnown(string name) => _values.ContainsKey(name) || _protos.ContainsKey(name);

    public void Set(string name, OnnxValue value) => _values[name] = value;

    /// <summary>The constant <paramref name="name"/>, or an error naming <paramref name="where"/>.</summary>
    public OnnxValue Get(string name, string where)
    {
        if (_values.TryGetValue(name, out var v)) return v;
        if (!_protos.TryGetValue(name, out var t))
            throw new EiecException($"{where}: input '{name}' is not an initializer or constant; weights must be "
                + $"stored in the model");
        v = Convert(t, where);
        _values[name] = v;
        return v;
    }

    /// <summary>A Constant node's value (attribute value, value_float(s) or value_int(s)).</summary>
    public void AddConstantNode(NodeProto node, string where)
    {
        var a = node.Attribute.FirstOrDefault()
            ?? throw new EiecException($"{where} has no value attribute; supported: value, value_float(s), "
                + $"value_int(s)");
        string name = node.Output[0];
        _values[name] = a.Name switch
        {
            "value" => Convert(a.T, where) with { Origin = name },
            "value_float" => new OnnxValue([], [a.F], null, name),
            "value_floats" => new OnnxValue([a.Floats.Count], a.Floats.ToArray(), null, name),
            "value_int" => new OnnxValue([], null, [a.I], name),
            "value_ints" => new OnnxValue([a.Ints.Count], null, a.Ints.ToArray(), name),
            _ => throw new EiecException($"{where} has attribute '{a.Name}'; supported: value, value_float(s), "
                + $"value_int(s)"),
        };
    }

    /// <summary>Folds <paramref name="node"/> (all inputs known) into a constant; false if the op is not
    /// foldable.</summary>
    public bool TryFold(NodeProto node, string where)
    {
        var inputs = node.Input.Where(i => i.Length > 0).Select(i => Get(i, where)).ToList();
        OnnxValue? result = node.OpType switch
        {
            "Identity" => inputs[0],
            "Cast" => Cast(inputs[0], Attr(node, "to")?.I ?? 1, where),
            "Transpose" => Transpose(inputs[0], Attr(node, "perm")?.Ints.ToArray(), where),
            "Gather" => Gather(inputs[0], inputs[1], Attr(node, "axis")?.I ?? 0, where),
            "Unsqueeze" => Unsqueeze(inputs[0], AxesOf(node, inputs), where),
            "Squeeze" => Squeeze(inputs[0], AxesOf(node, inputs)),
            "Concat" => Concat(inputs, Attr(node, "axis")?.I ?? 0, where),
            "Reshape" => ReshapeConstant(inputs[0], inputs[1], where),
            _ => null,
        };
        if (result is null) return false;
        _values[node.Output[0]] = result with { Origin = inputs[0].Origin };
        return true;
    }

    /// <summary>Shape of the data tensor (opset 15 start/end attributes honoured).</summary>
    public void FoldShape(NodeProto node, long[] dataShape)
    {
        int rank = dataShape.Length;
        long start = Attr(node, "start")?.I ?? 0, end = Attr(node, "end")?.I ?? rank;
        if (start < 0) start += rank;
        if (end < 0) end += rank;
        start = Math.Clamp(start, 0, rank);
        end = Math.Clamp(end, start, rank);
        var dims = dataShape[(int)start..(int)end];
        _values[node.Output[0]] = new OnnxValue([dims.Length], null, dims, node.Output[0]);
    }

    private static AttributeProto? Attr(NodeProto node,
        string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    private static long[]? AxesOf(NodeProto node, List<OnnxValue> inputs) =>
        inputs.Count > 1 ? inputs[1].Ints : Attr(node, "axes")?.Ints.ToArray();

    private static OnnxValue Cast(OnnxValue v, long to, string where) => (TensorProto.Types.DataType)to switch
    {
        TensorProto.Types.DataType.Float or TensorProto.Types.DataType.Double =>
            v.Floats is not null ? v : v with { Floats = v.Ints!.Select(i => (float)i).ToArray(), Ints = null },
        TensorProto.Types.DataType.Int64 or TensorProto.Types.DataType.Int32 =>
            v.Ints is not null ? v : v with { Ints = v.Floats!.Select(f => (long)f).ToArray(), Floats = null },
        var t => throw new EiecException($"{where}: Cast to {t} of a constant; eiec folds casts to FLOAT, DOUBLE, "
            + $"INT32 and INT64"),
    };

    private static OnnxValue Transpose(OnnxValue v, long[]? perm, string where)
    {
        int rank = v.Dims.Length;
        perm ??= Enumerable.Range(0, rank).Reverse().Select(i => (long)i).ToArray();
        if (rank <= 1) return v;
        if (rank != 2 || perm.Length != 2 || perm[0] != 1 || perm[1] != 0)
            throw new EiecException($"{where}: Transpose of '{v.Origin}' {v.Shape} with perm "
                + $"[{string.Join(", ", perm)}]; "
                + "eiec folds the transpose of a 2-D weight (perm [1, 0])");
        int rows = (int)v.Dims[0], cols = (int)v.Dims[1];
        long[] dims = [cols, rows];
        if (v.Floats is { } f) return v with { Dims = dims, Floats = RowMajor.Transpose(f, rows, cols) };
        var ints = new long[v.Ints!.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) ints[(long)c * rows + r] = v.Ints[(long)r * cols + c];
        return v with { Dims = dims, Ints = ints };
    }

    private static OnnxValue Gather(OnnxValue data, OnnxValue indices, long axis, string where)
    {
        if (data.Ints is null || data.Dims.Length != 1 || axis != 0 || indices.Ints is null)
            throw new EiecException($"{where}: Gather of '{data.Origin}' {data.Shape}; eiec folds Gather of a 1-D "
                + $"integer (shape) tensor on axis 0");
        var picked = indices.Ints.Select(i =>
        {
            long k = i < 0 ? i + data.Ints.Length : i;
            if (k < 0 || k >= data.Ints.Length)
                throw new EiecException($"{where}: Gather index {i} is outside the {data.Ints.Length} elements of "
                    + $"'{data.Origin}'");
            return data.Ints[k];
        }).ToArray();
        return new OnnxValue(indices.Dims, null, picked, data.Origin);
    }

    private static OnnxValue Unsqueeze(OnnxValue v, long[]? axes, string where)
    {
        if (axes is null) throw new EiecException($"{where}: Unsqueeze without axes");
        var dims = v.Dims.ToList();
        int rank = dims.Count + axes.Length;
        foreach (var a in axes.Select(a => a < 0 ? a + rank : a).Order()) dims.Insert((int)a, 1);
        return v with { Dims = dims.ToArray() };
    }

    private static OnnxValue Squeeze(OnnxValue v, long[]? axes)
    {
        var drop = axes?.Select(a => a < 0 ? a + v.Dims.Length : a).ToHashSet();
        return v with { Dims = v.Dims.Where((d, i) => !(drop?.Contains(i) ?? d == 1)).ToArray() };
    }

    private static OnnxValue Concat(List<OnnxValue> parts, long axis, string where)
    {
        if (parts.Any(p => p.Ints is null || p.Dims.Length != 1) || axis is not (0 or -1))
            throw new EiecException($"{where}: Concat of "
                + $"{string.Join(", ", parts.Select(p => $"'{p.Origin}' {p.Shape}"))}; "
                + "eiec folds Concat of 1-D integer (shape) tensors");
        var ints = parts.SelectMany(p => p.Ints!).ToArray();
        return new OnnxValue([ints.Length], null, ints, parts[0].Origin);
    }

    private static OnnxValue ReshapeConstant(OnnxValue v, OnnxValue shape, string where)
    {
        if (shape.Ints is null || shape.Ints.Any(d => d < -1))
            throw new EiecException($"{where}: Reshape of the constant '{v.Origin}' to a shape that is not a constant "
                + $"list of sizes");
        var dims = shape.Ints.Select((d, i) => d == 0 ? v.Dims[i] : d).ToArray();
        int free = Array.IndexOf(dims, -1L);
        if (free >= 0) dims[free] = v.Count / dims.Where(d => d != -1).Aggregate(1L, (a, d) => a * d);
        if (dims.Aggregate(1L, (a, d) => a * d) != v.Count)
            throw new EiecException($"{where}: Reshape of the constant '{v.Origin}' {v.Shape} to "
                + $"[{string.Join(", ", shape.Ints)}] changes its size");
        return v with { Dims = dims };
    }

    private static OnnxValue Convert(TensorProto t, string where)
    {
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
            throw new EiecException($"{where}: tensor '{t.Name}' keeps its data in an external file; export with the "
                + $"weights inside the model");
        long[] dims = t.Dims.ToArray();
        long count = dims.Aggregate(1L, (a, d) => a * d);
        var raw = t.RawData.Span;
        switch ((TensorProto.Types.DataType)t.DataType)
        {
            case TensorProto.Types.DataType.Float:
                {
                    float[] f;
                    if (raw.Length > 0)
                    {
                        if (raw.Length != count * 4) throw new EiecException($"{where}: tensor '{t.Name}' has "
                            + $"{raw.Length} "
                            + $"bytes of raw_data for {count} floats");
                        f = new float[count];
                        for (long k = 0; k < count; k++)
                            f[k] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice((int)(k * 4), 4));
                    }
                    else f = t.FloatData.ToArray();
                    return Checked(new OnnxValue(dims, f, null, t.Name), f.LongLength, count, where);
                }
            case TensorProto.Types.DataType.Double:
                {
                    float[] f;
                    if (raw.Length > 0)
                    {
                        if (raw.Length != count * 8) throw new EiecException($"{where}: tensor '{t.Name}' has "
                            + $"{raw.Length} "
                            + $"bytes of raw_data for {count} doubles");
                        f = new float[count];
                        for (long k = 0; k < count; k++)
                            f[k] = (float)BinaryPrimitives.ReadDoubleLittleEndian(raw.Slice((int)(k * 8), 8));
                    }
                    else f = t.DoubleData.Select(d => (float)d).ToArray();
                    return Checked(new OnnxValue(dims, f, null, t.Name), f.LongLength, count, where);
                }
            case TensorProto.Types.DataType.Int64:
                {
                    long[] v;
                    if (raw.Length > 0)
                    {
                        v = new long[raw.Length / 8];
                        for (int k = 0; k < v.Length; k++)
                            v[k] = BinaryPrimitives.ReadInt64LittleEndian(raw.Slice(k * 8, 8));
                    }
                    else v = t.Int64Data.ToArray();
                    return Checked(new OnnxValue(dims, null, v, t.Name), v.LongLength, count, where);
                }
            case TensorProto.Types.DataType.Int32:
                {
                    long[] v;
                    if (raw.Length > 0)
                    {
                        v = new long[raw.Length / 4];
                        for (int k = 0; k < v.Length; k++)
                            v[k] = BinaryPrimitives.ReadInt32LittleEndian(raw.Slice(k * 4, 4));
                    }
                    else v = t.Int32Data.Select(i => (long)i).ToArray();
                    return Checked(new OnnxValue(dims, null, v, t.Name), v.LongLength, count, where);
                }
            default:
                throw new EiecException($"{where}: tensor '{t.Name}' has data type "
                    + $"{(TensorProto.Types.DataType)t.DataType}; "
                    + "weights must be FLOAT or DOUBLE (shapes INT64 or INT32)");
        }
    }

    private static OnnxValue Checked(OnnxValue v, long have, long count, string where) =>
        have == count ? v
            : throw new EiecException($"{where}: tensor '{v.Origin}' has {have} values for shape {v.Shape}");
}
