using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Image;
using Eiec.FrontEnd.Gen;

namespace Eiec.Tests.Support;

/// <summary>Builds small models and images the way users do: compile, write to disk, read back.</summary>
public static class Images
{
    /// <summary>A small accelerator so test images stay small; capacities still checked.</summary>
    public static AccelConfig Small(int pes, int fifoDepth = 8) => new AccelConfig
    {
        Pes = pes, FifoDepth = fifoDepth, SpmatSramBytes = 8 * 1024, PointerSramBytes = 2 * 1024,
        ActivationSramBytes = 1024, BiasEntries = 256, MaxLayers = 8,
    }.Validated();

    public static CzModel Random(int seed, int[] dims, double density, bool bias = false) =>
        RandomModel.Create(new RandomModelSpec { Dims = dims, WeightDensity = [density], Seed = seed, Bias = bias });

    /// <summary>Compiles, writes to <paramref name="dir"/> and reads the image back from disk.</summary>
    public static CompiledImage CompileToDisk(CzModel model, AccelConfig config, string dir, int actFrac = 8,
        BalanceMode balance = BalanceMode.None)
    {
        var image = ImageCompiler.Compile(model, config, actFrac, "test.cz", balance);
        AtomicDirectory.Produce(dir, d => ImageWriter.Write(image, d));
        return ImageReader.Read(dir);
    }
}
