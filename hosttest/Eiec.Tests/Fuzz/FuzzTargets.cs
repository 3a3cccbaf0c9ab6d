using System.Buffers.Binary;
using System.Text;
using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Image;
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
    /// <summary>
    /// The configuration of the fixed image (and of the image.bin seed). Lazy, like everything here that
    /// runs eiec code: under AFL++ the instrumented assemblies may run only inside SharpFuzz's loop (before
    /// it maps the coverage area, instrumented code faults), and this class is initialized before that.
    /// </summary>
    private static readonly Lazy<AccelConfig> FixedConfig = new(() => new AccelConfig
    {
        Pes = 3, FifoDepth = 8, SpmatSramBytes = 8 * 1024, PointerSramBytes = 2 * 1024,
        ActivationSramBytes = 1024, BiasEntries = 256, MaxLayers = 8,
    }.Validated());

    /// <summary>
    /// A small 3-PE, 3-layer image with bias, written once per process: its image.json is the seed in
    /// Fuzz/corpus/image (<see cref="WriteImage"/> writes the same bytes), its hex files stay fixed.
    /// </summary>
    private static readonly Lazy<string> FixedImage = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), $"eiec-fuzz-image-{Environment.ProcessId}");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        WriteImage(dir);
        return dir;
    });

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
        ["image"] = bytes =>
        {
            // The image directory parser: the input is image.json, beside the memory files of a fixed image.
            File.WriteAllBytes(Path.Combine(FixedImage.Value, ImageFiles.Manifest), bytes);
            ImageReader.Read(FixedImage.Value);
        },
        ["imagebin"] = bytes => ImageBinaryReader.Parse(WithSizeAndCrc(bytes), FixedConfig.Value, "fuzz.bin"),
    };

    /// <summary>
    /// image.bin as AFL++ mutates it, with its declared size and CRC made to match again: a random byte
    /// change almost never keeps a CRC-32, so without this every input would stop at the CRC check and
    /// none would reach the header fields and memory sections behind it. (Size and CRC errors themselves
    /// are covered by the image.bin tests and by the unrepaired inputs shorter than a header.)
    /// </summary>
    private static byte[] WithSizeAndCrc(byte[] bytes)
    {
        if (bytes.Length < ImageBinary.HeaderBytes + ImageBinary.CrcBytes) return bytes;
        var fixedUp = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(fixedUp.AsSpan(4 * ImageBinary.FileBytesWord), (uint)fixedUp.Length);
        int body = fixedUp.Length - ImageBinary.CrcBytes;
        BinaryPrimitives.WriteUInt32LittleEndian(fixedUp.AsSpan(body), Crc32.Compute(fixedUp.AsSpan(0, body)));
        return fixedUp;
    }


    /// <summary>Writes the image the <c>image</c> target reads (the corpus seed is its image.json).</summary>
    public static void WriteImage(string directory)
    {
        var model = RandomModel.Create(
            new RandomModelSpec { Dims = [24, 12, 6], WeightDensity = [0.4], Seed = 3, Bias = true });
        ImageWriter.Write(ImageCompiler.Compile(model, FixedConfig.Value, 8, "fuzz.cz"), directory);
    }

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
