using System.Text.RegularExpressions;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;

namespace Eiec.FrontEnd.Import;

/// <summary>
/// Dense MLPs stored as NumPy .npz archives (docs/import.md). One array pair per layer:
/// <list type="bullet">
/// <item>PyTorch convention: <c>NAME.weight</c>, 2-D, outputs × inputs, and optional <c>NAME.bias</c>
///   (what <c>np.savez(f, **{k: v.numpy() for k, v in model.state_dict().items()})</c> writes).</item>
/// <item>Keras convention: <c>NAME/kernel</c>, 2-D, inputs × outputs, and optional <c>NAME/bias</c>;
///   a trailing <c>:0</c> (TensorFlow variable names) is ignored.</item>
/// </list>
/// The suffix, not the shape, says which way round a matrix is, so square layers are unambiguous.
/// One file uses one convention. Layers are taken in the archive's order, which is the order
/// <c>np.savez</c> was given them: PyTorch's <c>state_dict</c> order, the execution order (sorting the
/// names would silently swap layers named <c>mlp_b, mlp_a</c>). They must chain; an error names both
/// layers and says where the order came from. Two arrays for one slot (<c>x.weight</c> and
/// <c>x.weight:0</c>) are an error. Hidden layers get ReLU, the last layer none. float32 and float64
/// arrays are accepted (float64 is rounded to float32).
/// </summary>
public static partial class NpzDenseImporter
{
    public static DenseModel Read(string path)
    {
        var arrays = NpzReader.Read(path);
        return FromArrays(arrays, path, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>
    /// Optional scalars: the input normalization the model was trained with (written by
    /// `eiec train --input-mean/--input-std`).
    /// </summary>
    public const string InputMeanKey = "input.mean", InputStdKey = "input.std";

    public static DenseModel FromArrays(IReadOnlyDictionary<string, NpyArray> arrays, string source, string modelName)
    {
        var torch = new LayerSlots();
        var keras = new LayerSlots();
        double? mean = null, std = null;
        foreach (var (rawKey, array) in arrays)
        {
            if (rawKey is InputMeanKey or InputStdKey)
            {
                if (array.DType is not (NpyDType.Float32 or NpyDType.Float64) || array.ToFloat64().Length != 1)
                    throw new EiecException($"{source}: '{rawKey}' has dtype {array.Descr} " +
                        $"and shape {array.ShapeText}; input normalization is one float");
                if (rawKey == InputMeanKey) mean = array.ToFloat64()[0]; else std = array.ToFloat64()[0];
                continue;
            }
            string key = rawKey.EndsWith(":0", StringComparison.Ordinal) ? rawKey[..^2] : rawKey;
            if (Split(key, ".weight") is { } tw) torch.Set(tw, rawKey, array, weight: true, source);
            else if (Split(key, ".bias") is { } tb) torch.Set(tb, rawKey, array, weight: false, source);
            else if (Split(key, "/kernel") is { } kw) keras.Set(kw, rawKey, array, weight: true, source);
            else if (Split(key, "/bias") is { } kb) keras.Set(kb, rawKey, array, weight: false, source);
            else throw new EiecException($"{source}: array '{rawKey}' is not a layer weight or bias; name them " +
                "NAME.weight/NAME.bias (PyTorch, outputs×inputs) or NAME/kernel/NAME/bias (Keras, inputs×outputs), " +
                "see docs/import.md");
        }
        if (torch.Count > 0 && keras.Count > 0)
            throw new EiecException($"{source}: mixes PyTorch-style arrays ('{torch.Names[0]}.weight') and " +
                $"Keras-style arrays ('{keras.Names[0]}/kernel'); use one convention per file");
        bool isKeras = keras.Count > 0;
        var entries = isKeras ? keras : torch;
        if (entries.Count == 0)
            throw new EiecException($"{source}: no layer arrays (NAME.weight or NAME/kernel) in the archive");
        var layers = new List<DenseLayer>();
        int index = 0;
        foreach (var name in entries.Names)
        {
            var (w, b) = entries[name];
            string wName = isKeras ? $"{name}/kernel" : $"{name}.weight";
            if (w is null)
                throw new EiecException($"{source}: layer '{name}' has a bias but no weight array '{wName}'");
            if (w.Rank != 2)
                throw new EiecException(
                    $"{source}: layer '{name}': '{wName}' has shape {w.ShapeText}; a weight matrix must be 2-D");
            var weights = Floats(w, source, name, wName);
            int rows = w.Shape[0], cols = w.Shape[1];
            int outputs = isKeras ? cols : rows, inputs = isKeras ? rows : cols;
            if (isKeras) weights = RowMajor.Transpose(weights, rows, cols);
            float[]? bias = null;
            if (b is not null)
            {
                string bName = isKeras ? $"{name}/bias" : $"{name}.bias";
                if (b.Rank != 1 || b.Shape[0] != outputs)
                    throw new EiecException($"{source}: layer '{name}': shape mismatch: '{bName}' has shape " +
                        $"{b.ShapeText} but the layer has {outputs} outputs");
                bias = Floats(b, source, name, bName);
            }
            if (layers.Count > 0 && layers[^1].Outputs != inputs)
                throw new EiecException($"{source}: layer '{name}' has {inputs} inputs but the previous layer " +
                    $"'{layers[^1].Name}' has {layers[^1].Outputs} outputs; layers are taken in the archive's order " +
                    $"({string.Join(", ", entries.Names)}), which is the order np.savez was given them " +
                    "(PyTorch's state_dict order); save the layers in execution order");
            layers.Add(new DenseLayer
            {
                Name = name, Inputs = inputs, Outputs = outputs, Weight = weights, Bias = bias,
                Activation = ++index < entries.Count ? LayerActivation.Relu : LayerActivation.None,
            });
        }
        var input = mean is null && std is null ? null : new CzInputNormalization(mean ?? 0, std ?? 1);
        if (input?.Problem() is { } problem)
            throw new EiecException($"{source}: input normalization ({InputMeanKey}, {InputStdKey}): {problem}");
        return new DenseModel(modelName, layers) { Input = input }.Validated(source);
    }

    private static string? Split(string key, string suffix) =>
        key.Length > suffix.Length && key.EndsWith(suffix, StringComparison.Ordinal) ? key[..^suffix.Length] : null;

    /// <summary>Weight and bias per layer name, in the order names first appear in the archive.</summary>
    private sealed class LayerSlots
    {
        private readonly Dictionary<string, (NpyArray? W, NpyArray? B, string? WKey, string? BKey)> _slots =
            new(StringComparer.Ordinal);
        private readonly List<string> _names = [];

        public int Count => _names.Count;
        public List<string> Names => _names;
        public (NpyArray? W, NpyArray? B) this[string name] => (_slots[name].W, _slots[name].B);

        public void Set(string name, string key, NpyArray array, bool weight, string source)
        {
            if (!_slots.TryGetValue(name, out var slot)) _names.Add(name);
            var taken = weight ? slot.WKey : slot.BKey;
            if (taken is not null)
                throw new EiecException($"{source}: arrays '{taken}' and '{key}' both give layer '{name}' its " +
                    $"{(weight ? "weight" : "bias")}; keep only one (which one eiec should use is ambiguous)");
            _slots[name] = weight ? (array, slot.B, key, slot.BKey) : (slot.W, array, slot.WKey, key);
        }
    }

    private static float[] Floats(NpyArray array, string source, string layer, string name)
    {
        if (array.DType is not (NpyDType.Float32 or NpyDType.Float64))
            throw new EiecException($"{source}: layer '{layer}': '{name}' has dtype {array.Descr}; " +
                "weights must be float32 or float64");
        return array.ToFloat32();
    }
}
