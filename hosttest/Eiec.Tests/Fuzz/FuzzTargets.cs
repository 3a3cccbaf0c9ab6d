using System.Text;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Npy;
using Eiec.FrontEnd.Compress;
using Eiec.FrontEnd.Gen;
using Eiec.FrontEnd.Import;
using Eiec.FrontEnd.Import.Onnx;
using Eiec.Sim.Energy;

namespace Eiec.Tests.Fuzz;

/// <summary>
/// Every parser a user can feed, as bytes in, model or clean error out. Shared by the deterministic
/// mutation suite (<see cref="MutationSuiteTests"/>) and the AFL++ harness (hosttest/Eiec.Fuzz), so
/// both fuzz exactly the same entry points. Names match the corpus folders (Fuzz/corpus/NAME).
/// </summary>
public static class FuzzTargets
{
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>
    {
        ["cz"] = bytes => CzReader.Read(new MemoryStream(bytes, writable: false), "fuzz.cz", 256),
        ["npy"] = bytes => NpyReader.Read(bytes, "fuzz.npy"),
        ["npz"] = bytes => NpzDenseImporter.FromArrays(
            NpzReader.Read(new MemoryStream(bytes, writable: false), "fuzz.npz"), "fuzz.npz", "fuzz"),
        ["onnx"] = bytes => OnnxDenseImporter.Parse(bytes, "fuzz.onnx", "fuzz"),
        ["accel"] = bytes => AccelConfigLoader.Parse(Text(bytes), "fuzz.yaml"),
        ["energy"] = bytes => EnergyTable.Parse(Text(bytes), "fuzz.yaml"),
        ["table"] = bytes => BenchmarkTable.Parse(Text(bytes), "fuzz.yaml"),
        ["prune"] = bytes => PruneConfig.Parse(Text(bytes), "fuzz.yaml"),
    };

    /// <summary>Text as the loaders read files (File.ReadAllText: UTF-8, invalid bytes replaced).</summary>
    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>Whether an exception is a clean, user-facing error (what the CLI prints as one line).</summary>
    public static bool IsClean(Exception e) => e switch
    {
        EiecException => true,
        AggregateException a => a.Flatten().InnerExceptions.All(IsClean),
        _ => false,
    };
}
