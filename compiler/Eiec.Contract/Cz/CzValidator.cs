using System.Globalization;
using Eiec.Contract.Diagnostics;

namespace Eiec.Contract.Cz;

/// <summary>
/// Every semantic rule of a .cz model, applied to the in-memory <see cref="CzModel"/> so models
/// built by importers get the same checks as models read from disk. The first violation is thrown
/// as one <see cref="EiecException"/> naming the source, the layer, the field and the value.
/// Array checks are single tight passes: a 4M-entry layer validates in milliseconds.
/// </summary>
public static class CzValidator
{
    /// <param name="source">Names the model in messages (a path, or e.g. "imported model").</param>
    /// <param name="maxCodebookEntries">2^code_bits of the target accelerator.</param>
    public static void Validate(
        CzModel model, string source, int maxCodebookEntries = CzFormat.DefaultMaxCodebookEntries) =>
        Validate(model, source, maxCodebookEntries, memberOf: null);

    /// <param name="memberOf">(layer index, field) → ZIP member path, so file errors name the member.</param>
    internal static void Validate(
        CzModel model, string source, int maxCodebookEntries, Func<int, string, string?>? memberOf)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCodebookEntries, 1);
        if (string.IsNullOrEmpty(model.Name)) throw new EiecException($"{source}: the model's field 'name' is empty");
        if (model.Layers is null || model.Layers.Count == 0)
            throw new EiecException($"{source}: the model has no layers (field 'layers' is empty)");

        // Structure first, so a broken chain is reported as such rather than as a consequent length error.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < model.Layers.Count; i++)
            CheckHeader(model.Layers, i, source, seen);
        for (var i = 0; i < model.Layers.Count; i++)
            CheckArrays(
                model.Layers[i], new Where(source, Describe(model.Layers[i], i), i, memberOf), maxCodebookEntries);
    }

    internal static string Describe(CzLayer layer, int index) =>
        string.IsNullOrEmpty(layer.Name) ? $"layer #{index + 1}" : $"layer '{layer.Name}'";

    private static void CheckHeader(IReadOnlyList<CzLayer> layers, int i, string source, Dictionary<string, int> seen)
    {
        var layer = layers[i] ?? throw new EiecException($"{source}: layer #{i + 1} is missing (null)");
        var name = Describe(layer, i);
        if (string.IsNullOrEmpty(layer.Name))
            throw new EiecException($"{source}: {name} field 'name': the layer name is empty");
        if (!seen.TryAdd(layer.Name, i))
            throw new EiecException($"{source}: {name} (#{i + 1}) field 'name': duplicate layer name; " +
                $"layer #{seen[layer.Name] + 1} has the same name");
        if (layer.Kind != CzFormat.FullyConnected)
            throw new EiecException($"{source}: {name} field 'kind': '{layer.Kind}' is not supported; " +
                $"only '{CzFormat.FullyConnected}' (fully connected)");
        if (layer.Inputs < 1)
            throw new EiecException($"{source}: {name} field 'inputs': {layer.Inputs} must be at least 1");
        if (layer.Outputs < 1)
            throw new EiecException($"{source}: {name} field 'outputs': {layer.Outputs} must be at least 1");
        if (!Enum.IsDefined(layer.Activation))
            throw new EiecException(
                $"{source}: {name} field 'activation': unknown activation value {(int)layer.Activation}");
        if (i > 0 && layers[i - 1] is { } previous && previous.Outputs != layer.Inputs)
            throw new EiecException($"{source}: {name} field 'inputs': layer '{layer.Name}' has {layer.Inputs} " +
                $"inputs but the previous layer '{previous.Name}' has {previous.Outputs} outputs");
    }

    private static void CheckArrays(CzLayer layer, Where where, int maxCodebook)
    {
        var indptr = layer.IndPtr ?? throw where.Fail(CzFormat.IndPtrField, "the array is missing");
        var indices = layer.Indices ?? throw where.Fail(CzFormat.IndicesField, "the array is missing");
        var codes = layer.Codes ?? throw where.Fail(CzFormat.CodesField, "the array is missing");
        var codebook = layer.Codebook ?? throw where.Fail(CzFormat.CodebookField, "the array is missing");

        CheckIndPtr(indptr, indices.Length, layer.Inputs, where);
        if (codes.Length != indices.Length)
            throw where.Fail(CzFormat.CodesField, $"length {codes.Length} but there are {indices.Length} " +
                $"non-zeros (length of '{CzFormat.IndicesField}')");
        CheckCodebook(codebook, maxCodebook, where);
        CheckIndices(indptr, indices, layer.Outputs, where);
        CheckCodes(codes, codebook.Length, where);
        if (layer.Bias is { } bias)
        {
            if (bias.Length != layer.Outputs)
                throw where.Fail(CzFormat.BiasField, $"length {bias.Length} but the layer has {layer.Outputs} outputs");
            CheckFinite(bias, CzFormat.BiasField, where);
        }
    }

    private static void CheckIndPtr(int[] indptr, int nonZeros, int inputs, Where where)
    {
        const string f = CzFormat.IndPtrField;
        if (indptr.Length != inputs + 1)
            throw where.Fail(f, $"length {indptr.Length} but must be inputs + 1 = {inputs + 1}");
        if (indptr[0] != 0) throw where.Fail(f, $"indptr[0] = {indptr[0]} but must be 0");
        for (var c = 0; c < inputs; c++)
            if (indptr[c + 1] < indptr[c])
                throw where.Fail(f,
                    $"not non-decreasing: indptr[{c + 1}] = {indptr[c + 1]} < indptr[{c}] = {indptr[c]}");
        if (indptr[inputs] != nonZeros)
            throw where.Fail(f, $"indptr[{inputs}] (the last entry) = {indptr[inputs]} but there are {nonZeros} " +
                $"non-zeros (length of '{CzFormat.IndicesField}')");
    }

    private static void CheckIndices(int[] indptr, int[] indices, int outputs, Where where)
    {
        const string f = CzFormat.IndicesField;
        for (var c = 0; c + 1 < indptr.Length; c++)
        {
            var previous = -1;
            for (int k = indptr[c], end = indptr[c + 1]; k < end; k++)
            {
                var row = indices[k];
                if ((uint)row >= (uint)outputs)
                    throw where.Fail(f, $"row index {row} at position {k} (column {c}) is out of range [0, {outputs})");
                if (row <= previous)
                    throw where.Fail(f, row == previous
                        ? $"duplicate row index {row} at positions {k - 1} and {k} (column {c}); " +
                          "combine duplicates (SciPy: .sum_duplicates())"
                        : $"row indices of column {c} are not sorted: position {k} has {row} after {previous}; " +
                          "sort them (SciPy: .sort_indices())");
                previous = row;
            }
        }
    }

    private static void CheckCodebook(float[] codebook, int maxCodebook, Where where)
    {
        const string f = CzFormat.CodebookField;
        if (codebook.Length == 0) throw where.Fail(f, "the codebook is empty; it needs at least entry 0 = 0.0");
        if (codebook.Length > maxCodebook)
            throw where.Fail(f, $"{codebook.Length} entries but at most {maxCodebook} are allowed (2^code_bits)");
        CheckFinite(codebook, f, where);
        // Code 0 is the hardware's padding entry: it must contribute nothing.
        if (codebook[0] != 0f)
            throw where.Fail(f, $"codebook[0] = {Show(codebook[0])} but entry 0 must be exactly 0.0");
    }

    private static void CheckCodes(byte[] codes, int codebookSize, Where where)
    {
        for (var k = 0; k < codes.Length; k++)
            if (codes[k] >= codebookSize)
                throw where.Fail(CzFormat.CodesField,
                    $"code {codes[k]} at position {k} is not below the codebook size {codebookSize}");
    }

    private static void CheckFinite(float[] values, string field, Where where)
    {
        for (var k = 0; k < values.Length; k++)
            if (!float.IsFinite(values[k]))
                throw where.Fail(field, $"{field}[{k}] = {Show(values[k])} is not finite");
    }

    /// <summary>NumPy's spelling of non-finite values, which is what users see in their own tools.</summary>
    private static string Show(float value) =>
        float.IsNaN(value) ? "nan"
        : float.IsInfinity(value) ? (value > 0 ? "inf" : "-inf")
        : value.ToString("R", CultureInfo.InvariantCulture);

    private sealed record Where(string Source, string Layer, int Index, Func<int, string, string?>? MemberOf)
    {
        public EiecException Fail(string field, string detail)
        {
            var member = MemberOf?.Invoke(Index, field) is { } m ? $" (member '{m}')" : "";
            return new EiecException($"{Source}: {Layer} field '{field}'{member}: {detail}");
        }
    }
}
