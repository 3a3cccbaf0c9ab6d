using System.Globalization;
using Eiec.Contract.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Eiec.Contract.Cz;

/// <summary>
/// Turns manifest.yaml into a <see cref="CzManifest"/> by walking the YAML node tree by hand rather
/// than through the deserializer, so every error can name the line, the layer and the key, and a
/// misspelt key is an error instead of a silently ignored default.
/// </summary>
internal sealed class CzManifestParser
{
    private static readonly string[] TopKeys = ["format", "version", "name", "layers"];
    private static readonly string[] LayerKeys = ["name", "kind", "inputs", "outputs", "activation", "arrays"];
    private static readonly string[] ArrayKeys =
        [CzFormat.IndPtrField, CzFormat.IndicesField, CzFormat.CodesField, CzFormat.CodebookField, CzFormat.BiasField];

    private readonly string _source;

    private CzManifestParser(string source) => _source = source;

    /// <param name="source">The .cz path, for messages.</param>
    public static CzManifest Parse(string yaml, string source) => new CzManifestParser(source).ParseRoot(yaml);

    private CzManifest ParseRoot(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var line = e.Start.Line > 0 ? $" line {e.Start.Line}, column {e.Start.Column}" : "";
            throw new EiecException(
                $"{_source}: {CzFormat.ManifestMember}{line}: malformed YAML: {(e.InnerException ?? e).Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, for some unterminated flow
            // collections; the last event parsed before it is the best location we can give.
            var near = LastParsedLine(yaml) is { } line ? $" near line {line}" : "";
            throw new EiecException(
                $"{_source}: {CzFormat.ManifestMember}{near}: malformed YAML: unterminated '[' or '{{' collection");
        }
        if (stream.Documents.Count == 0)
            throw new EiecException($"{_source}: {CzFormat.ManifestMember} is empty");
        if (stream.Documents.Count > 1)
            throw Error(stream.Documents[1].RootNode, null,
                $"found {stream.Documents.Count} YAML documents; the manifest must be exactly one");
        var root = stream.Documents[0].RootNode as YamlMappingNode
            ?? throw Error(stream.Documents[0].RootNode, null,
                "the manifest must be a mapping with keys format, version, name, layers");

        // Format and version come first: a newer file's unknown keys should be reported as a newer version.
        var format = RequiredString(root, "format", null);
        if (format != CzFormat.FormatName)
            throw Error(Find(root, "format")!, null,
                $"field 'format' is '{format}' but must be '{CzFormat.FormatName}' (this is not a .cz manifest)");
        var version = RequiredInt(root, "version", null);
        if (!CzFormat.SupportedVersions.Contains(version))
            throw Error(Find(root, "version")!, null,
                $"field 'version': unsupported .cz format version {version}; " +
                $"this eiec reads version(s) {string.Join(", ", CzFormat.SupportedVersions)}");
        CheckKeys(root, TopKeys, null, "the manifest");

        var manifest = new CzManifest
        {
            Format = format,
            Version = version,
            Name = RequiredString(root, "name", null),
        };
        var layersNode = Find(root, "layers");
        if (layersNode is not YamlSequenceNode layers)
            throw Error(layersNode ?? root, null, layersNode is null || IsNull(layersNode)
                ? "missing key 'layers' (a list of layers)" : "field 'layers' must be a list of layers");
        for (var i = 0; i < layers.Children.Count; i++)
            manifest.Layers.Add(ParseLayer(layers.Children[i], i));
        return manifest;
    }

    private CzManifestLayer ParseLayer(YamlNode node, int index)
    {
        var fallback = $"layer #{index + 1}";
        if (node is not YamlMappingNode map)
            throw Error(node, fallback,
                "each entry of 'layers' must be a mapping with keys " + string.Join(", ", LayerKeys));
        // Read the name first so every later message can use it.
        var nameNode = Find(map, "name");
        var context = nameNode is YamlScalarNode { Value: { Length: > 0 } n } && !IsNull(nameNode)
            ? $"layer '{n}'" : fallback;
        CheckKeys(map, LayerKeys, context, "a layer");
        var layer = new CzManifestLayer
        {
            Name = RequiredString(map, "name", context),
            Kind = RequiredString(map, "kind", context),
            Inputs = RequiredInt(map, "inputs", context),
            Outputs = RequiredInt(map, "outputs", context),
            Activation = RequiredString(map, "activation", context),
        };
        if (layer.Kind != CzFormat.FullyConnected)
            throw Error(Find(map, "kind")!, context,
                $"field 'kind' is '{layer.Kind}'; only '{CzFormat.FullyConnected}' (fully connected) is supported");
        if (ParseActivation(layer.Activation) is null)
            throw Error(Find(map, "activation")!, context,
                $"field 'activation' is '{layer.Activation}'; expected 'relu' or 'none'");

        var arraysNode = Find(map, "arrays");
        if (arraysNode is not YamlMappingNode arrays)
            throw Error(arraysNode ?? map, context, arraysNode is null || IsNull(arraysNode)
                ? "missing key 'arrays'" : "field 'arrays' must be a mapping from field name to .npy member path");
        CheckKeys(arrays, ArrayKeys, context, "'arrays'");
        layer.Arrays = new CzManifestArrays
        {
            Indptr = RequiredString(arrays, CzFormat.IndPtrField, context, "arrays."),
            Indices = RequiredString(arrays, CzFormat.IndicesField, context, "arrays."),
            Codes = RequiredString(arrays, CzFormat.CodesField, context, "arrays."),
            Codebook = RequiredString(arrays, CzFormat.CodebookField, context, "arrays."),
            Bias = Find(arrays, CzFormat.BiasField) is { } bias && !IsNull(bias)
                ? RequiredString(arrays, CzFormat.BiasField, context, "arrays.") : null,
        };
        return layer;
    }

    private static long? LastParsedLine(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        long? line = null;
        try
        {
            while (parser.MoveNext()) line = parser.Current?.End.Line;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException) { }
        return line;
    }

    public static LayerActivation? ParseActivation(string text) => text switch
    {
        "relu" => LayerActivation.Relu,
        "none" => LayerActivation.None,
        _ => null,
    };

    private void CheckKeys(YamlMappingNode map, string[] known, string? context, string where)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !known.Contains(name))
                throw Error(key, context,
                    $"unknown key '{name ?? key.ToString()}' in {where}; known keys: {string.Join(", ", known)}");
        }
    }

    private static YamlNode? Find(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
            if (k is YamlScalarNode { Value: var name } && name == key) return v;
        return null;
    }

    private string RequiredString(YamlMappingNode map, string key, string? context, string prefix = "")
    {
        var node = Find(map, key);
        if (node is null || IsNull(node)) throw Error(node ?? map, context, $"missing key '{prefix}{key}'");
        if (node is not YamlScalarNode { Value: { } value })
            throw Error(node, context, $"field '{prefix}{key}' must be a plain value, not a list or mapping");
        if (value.Length == 0) throw Error(node, context, $"field '{prefix}{key}' is empty");
        return value;
    }

    private int RequiredInt(YamlMappingNode map, string key, string? context)
    {
        var text = RequiredString(map, key, context);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw Error(Find(map, key)!, context, $"field '{key}' must be an integer, got '{text}'");
        return value;
    }

    /// <summary>YAML's spellings of null (plain scalars only: a quoted "null" is a string).</summary>
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode
        {
            Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted)
        } s
        && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private EiecException Error(YamlNode node, string? context, string message)
    {
        var line = node.Start.Line > 0 ? $" line {node.Start.Line}" : "";
        var layer = context is null ? "" : $" {context}:";
        return new EiecException($"{_source}: {CzFormat.ManifestMember}{line}:{layer} {message}");
    }
}
