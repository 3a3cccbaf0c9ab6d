using System.Diagnostics.CodeAnalysis;
using System.Text;
using Eiec.Contract.Npy;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Eiec.Contract.Cz;

/// <summary>
/// Writes a .cz model: validated first (never write a file the reader would reject), then
/// deterministic bytes (fixed member order and timestamps, NumPy-identical .npy members), then an
/// atomic rename so an interrupted write never leaves a broken model behind.
/// </summary>
public static class CzWriter
{
    private static readonly ISerializer Yaml = CreateSerializer();

    // YamlDotNet's object serializer inspects the manifest classes by reflection (IL3050). The manifest is four
    // small classes whose public properties are kept for it below, so it works under Native AOT as well
    // (`make aot`; scripts/check-identical.sh over bin/eiec-native compares the .cz files `eiec gen` writes).
    // A hand-written emitter would have to restate YamlDotNet's quoting rules to keep the bytes identical.
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "manifest types kept by DynamicDependency")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(CzManifest))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(CzManifestInput))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(CzManifestLayer))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(CzManifestArrays))]
    private static ISerializer CreateSerializer() => new SerializerBuilder()
        // Quote anything a YAML 1.1 reader (PyYAML) would take for a bool/number/null, e.g. a layer named "no".
        .WithQuotingNecessaryStrings(true)
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithIndentedSequences()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    public static void Write(CzModel model, string path, int maxCodebookEntries = CzFormat.DefaultMaxCodebookEntries)
    {
        var bytes = ToBytes(model, path, maxCodebookEntries);
        AtomicFile.Write(path, "compressed model", stream => stream.Write(bytes));
    }

    /// <param name="source">Names the model in validation messages.</param>
    public static byte[] ToBytes(
        CzModel model, string source = "model", int maxCodebookEntries = CzFormat.DefaultMaxCodebookEntries)
    {
        CzValidator.Validate(model, source, maxCodebookEntries);
        var manifest = BuildManifest(model);
        var yaml = "# EIE compressed model (.cz); format: docs/cz-format.md in the eiec repository\n" +
            Yaml.Serialize(manifest);
        return DeterministicZip.Build(zip =>
        {
            DeterministicZip.Add(zip, CzFormat.ManifestMember, Encoding.UTF8.GetBytes(yaml), compress: true);
            for (var i = 0; i < model.Layers.Count; i++)
            {
                var layer = model.Layers[i];
                var arrays = manifest.Layers[i].Arrays;
                Add(zip, arrays.Indptr, NpyArray.FromInt32(layer.IndPtr));
                Add(zip, arrays.Indices, NpyArray.FromInt32(layer.Indices));
                Add(zip, arrays.Codes, NpyArray.FromUInt8(layer.Codes));
                Add(zip, arrays.Codebook, NpyArray.FromFloat32(layer.Codebook));
                if (layer.Bias is { } bias) Add(zip, arrays.Bias!, NpyArray.FromFloat32(bias));
            }
        });
    }

    public static CzManifest BuildManifest(CzModel model)
    {
        var manifest = new CzManifest
        {
            Name = model.Name,
            Input = model.Input is { } n ? new CzManifestInput { Mean = n.Mean, Std = n.Std } : null,
        };
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < model.Layers.Count; i++)
        {
            var layer = model.Layers[i];
            var folder = FolderFor(layer.Name, i, used);
            manifest.Layers.Add(new CzManifestLayer
            {
                Name = layer.Name,
                Kind = layer.Kind,
                Inputs = layer.Inputs,
                Outputs = layer.Outputs,
                Activation = layer.Activation == LayerActivation.Relu ? "relu" : "none",
                Arrays = new CzManifestArrays
                {
                    Indptr = $"{folder}/{CzFormat.IndPtrField}.npy",
                    Indices = $"{folder}/{CzFormat.IndicesField}.npy",
                    Codes = $"{folder}/{CzFormat.CodesField}.npy",
                    Codebook = $"{folder}/{CzFormat.CodebookField}.npy",
                    Bias = layer.Bias is null ? null : $"{folder}/{CzFormat.BiasField}.npy",
                },
            });
        }
        return manifest;
    }

    /// <summary>The layer name when it is a safe, unused path segment (also case-insensitively, for
    /// people who unzip on Windows or macOS); otherwise a numbered folder.</summary>
    private static string FolderFor(string name, int index, HashSet<string> used)
    {
        var safe = name.Length <= 64 && name is not ("." or "..")
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
        var folder = safe ? name : $"layer{index}";
        while (!used.Add(folder)) folder += "_";
        return folder;
    }

    private static void Add(System.IO.Compression.ZipArchive zip, string member, NpyArray array) =>
        DeterministicZip.Add(zip, member, NpyWriter.ToBytes(array), compress: true);
}
