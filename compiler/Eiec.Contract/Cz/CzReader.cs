using System.Text;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;

namespace Eiec.Contract.Cz;

/// <summary>
/// Reads a .cz compressed model (see docs/cz-format.md) and validates it completely, so a model
/// that loads is one every later stage can trust. Each failure is one <see cref="EiecException"/>
/// naming the file, the member inside the ZIP, the layer and the field.
/// </summary>
public static class CzReader
{
    public static CzModel Read(string path, int maxCodebookEntries = CzFormat.DefaultMaxCodebookEntries)
    {
        FileStream stream;
        try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                                       or NotSupportedException)
        { throw new EiecException($"{path}: cannot read compressed model: {e.Message}"); }
        using (stream) return Read(stream, path, maxCodebookEntries);
    }

    /// <param name="sourceName">Names the model in messages (normally its path).</param>
    public static CzModel Read(
        Stream stream, string sourceName, int maxCodebookEntries = CzFormat.DefaultMaxCodebookEntries)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var zip = ZipMembers.Open(stream, sourceName, "compressed model (.cz)");
        var manifest = ReadManifest(zip, sourceName);
        var layers = new List<CzLayer>(manifest.Layers.Count);
        for (var i = 0; i < manifest.Layers.Count; i++)
            layers.Add(ReadLayer(zip, sourceName, manifest.Layers[i]));
        var model = new CzModel(manifest.Name, layers);
        CzValidator.Validate(model, sourceName, maxCodebookEntries,
            (index, field) => manifest.Layers[index].Arrays.Members().FirstOrDefault(m => m.Field == field).Member);
        return model;
    }

    private static CzManifest ReadManifest(ZipMembers zip, string source)
    {
        if (!zip.Contains(CzFormat.ManifestMember))
        {
            var names = zip.Names.Take(5).Select(n => $"'{n}'").ToList();
            var listing = names.Count == 0
                ? "the archive is empty"
                : $"members: {string.Join(", ", names)}{(zip.Names.Count > 5 ? ", ..." : "")}";
            throw new EiecException(
                $"{source}: not a .cz model: member '{CzFormat.ManifestMember}' is missing ({listing})");
        }
        var bytes = zip.ReadAll(CzFormat.ManifestMember, $"{source}: member '{CzFormat.ManifestMember}'");
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException)
        { throw new EiecException($"{source}: {CzFormat.ManifestMember}: not valid UTF-8 text"); }
        return CzManifestParser.Parse(text, source);
    }

    private static CzLayer ReadLayer(ZipMembers zip, string source, CzManifestLayer entry)
    {
        var context = $"layer '{entry.Name}'";
        var arrays = entry.Arrays;
        var indptr = Load(zip, source, context, CzFormat.IndPtrField, arrays.Indptr, AllowInt32Or64);
        var indices = Load(zip, source, context, CzFormat.IndicesField, arrays.Indices, AllowInt32Or64);
        var codes = Load(zip, source, context, CzFormat.CodesField, arrays.Codes, AllowInteger);
        var codebook = Load(zip, source, context, CzFormat.CodebookField, arrays.Codebook, AllowFloat32);
        var bias = arrays.Bias is { } biasMember
            ? Load(zip, source, context, CzFormat.BiasField, biasMember, AllowFloat32) : null;
        return new CzLayer
        {
            Name = entry.Name,
            Kind = entry.Kind,
            Inputs = entry.Inputs,
            Outputs = entry.Outputs,
            Activation = CzManifestParser.ParseActivation(entry.Activation)
                ?? throw new InvalidOperationException("activation checked by the parser"),
            IndPtr = indptr.ToInt32(),
            Indices = indices.ToInt32(),
            Codes = codes.ToUInt8(),
            Codebook = codebook.ToFloat32(),
            Bias = bias?.ToFloat32(),
        };
    }

    private sealed record DTypeRule(Func<NpyDType, bool> Allows, string Required);

    private static readonly DTypeRule AllowInt32Or64 =
        new(t => t is NpyDType.Int32 or NpyDType.Int64, "int32 ('<i4') or int64 ('<i8')");
    private static readonly DTypeRule AllowInteger =
        new(t => t.IsInteger(), "an integer dtype (normally uint8, '|u1')");
    private static readonly DTypeRule AllowFloat32 =
        new(t => t == NpyDType.Float32, "float32 ('<f4'); convert with .astype(np.float32)");

    private static NpyArray Load(
        ZipMembers zip, string source, string context, string field, string member, DTypeRule rule)
    {
        if (!zip.Contains(member))
            throw new EiecException($"{source}: {context} field '{field}': member '{member}' " +
                $"named in {CzFormat.ManifestMember} is not in the archive");
        var describe = $"{source}: {context} field '{field}' (member '{member}')";
        var array = NpyReader.Read(zip.ReadAll(member, describe), describe);
        if (array.Rank != 1)
            throw new EiecException(
                $"{describe}: shape {array.ShapeText} is {array.Rank}-D but every .cz array must be 1-D");
        if (!rule.Allows(array.DType))
            throw new EiecException($"{describe}: dtype '{array.Descr}' ({array.DType.NumpyName()}) " +
                $"is not allowed; '{field}' must be {rule.Required}");
        return array;
    }
}
