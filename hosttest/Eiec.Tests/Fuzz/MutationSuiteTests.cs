using System.Diagnostics;
using Eiec.Contract.Image;
using Eiec.Tests.Support;

namespace Eiec.Tests.Fuzz;

/// <summary>
/// Issue 11's deterministic fuzzing: fixed seeds, a few hundred mutations of each seed input per
/// parser, and every crash file AFL++ found (Fuzz/regressions/NAME) replayed. Each input must parse
/// or fail with a clean error (<see cref="FuzzTargets.IsClean"/>) within seconds; any other
/// exception is a bug. A few seconds in all.
/// </summary>
public class MutationSuiteTests
{
    private const int MutationsPerSeed = 300;
    private static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(5);

    private static string Folder(string kind, string target) =>
        Path.Combine(RepoPaths.Root, "hosttest", "Eiec.Tests", "Fuzz", kind, target);

    public static TheoryData<string> Targets() => [.. FuzzTargets.All.Keys.Order()];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Should_parse_or_fail_cleanly_When_seed_inputs_are_mutated(string target)
    {
        var parse = FuzzTargets.All[target];
        var seeds = Directory.GetFiles(Folder("corpus", target)).Order(StringComparer.Ordinal).ToList();
        seeds.Should().NotBeEmpty($"Fuzz/corpus/{target} holds the seed inputs");
        var failures = new List<string>();
        var rejected = 0;
        foreach (var seedFile in seeds)
        {
            var seed = File.ReadAllBytes(seedFile);
            var isZip = seed.Length > 2 && seed[0] == 'P' && seed[1] == 'K';
            _ = Check(parse, seed, $"{Path.GetFileName(seedFile)} unmutated", failures);
            var mutator = new Mutator(seed: 11);
            for (var i = 0; i < MutationsPerSeed; i++)
                rejected += Check(
                    parse, mutator.Mutate(seed, isZip), $"{Path.GetFileName(seedFile)} mutation {i}", failures);
        }
        failures.Should().BeEmpty();
        // The mutations must reach the parsers' error paths, or the suite proves nothing.
        rejected.Should().BeGreaterThan(MutationsPerSeed * seeds.Count / 10);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Should_fail_cleanly_on_every_kept_regression_input(string target)
    {
        var folder = Folder("regressions", target);
        var failures = new List<string>();
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
            _ = Check(FuzzTargets.All[target], File.ReadAllBytes(file), Path.GetFileName(file), failures);
        failures.Should().BeEmpty();
    }

    /// <summary>The <c>image</c> and <c>imagebin</c> seeds are the fixed image's image.json and image.bin:
    /// kept current, or every mutation would fail at the first check and fuzz nothing deeper.</summary>
    [Fact]
    public void Should_keep_the_image_seed_equal_to_the_fixed_image_manifest()
    {
        using var tmp = new TempDir();
        FuzzTargets.WriteImage(tmp.Path);
        foreach (var (target, file) in new[] { ("image", ImageFiles.Manifest), ("imagebin", ImageFiles.Binary) })
        {
            var seed = Path.Combine(Folder("corpus", target), file);
            var current = File.ReadAllBytes(Path.Combine(tmp.Path, file));
            if (Environment.GetEnvironmentVariable("EIEC_UPDATE_FUZZ_SEED") == "1")
                File.WriteAllBytes(seed, current);

            File.ReadAllBytes(seed).Should().Equal(current, "rerun with EIEC_UPDATE_FUZZ_SEED=1 to refresh the seeds");
            FuzzTargets.All[target](File.ReadAllBytes(seed)); // and it reads cleanly
        }
    }

    [Fact]
    public void Should_read_or_fail_cleanly_When_an_image_manifest_or_memory_file_is_mutated()
    {
        using var tmp = new TempDir();
        var image = Path.Combine(tmp.Path, "img");
        Images.CompileToDisk(Images.Random(3, [24, 12, 6], 0.4, bias: true), Images.Small(3), image);
        var manifest = Path.Combine(image, ImageFiles.Manifest);
        var original = File.ReadAllBytes(manifest);
        var mutator = new Mutator(seed: 11);
        var failures = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            File.WriteAllBytes(manifest, mutator.Mutate(original, isZip: false));
            _ = Check(_ => ImageReader.Read(image), [], $"image.json mutation {i}", failures);
        }
        File.WriteAllBytes(manifest, original);
        // The memory files behind it: one PE's pointers and sparse matrix, and the layer table.
        foreach (var name in new[] { "mem/pe001_ptr_even.hex", "mem/pe002_spmat.hex", "mem/layers.hex" })
        {
            var file = Path.Combine(image, name);
            File.Exists(file).Should().BeTrue(name);
            var bytes = File.ReadAllBytes(file);
            for (var i = 0; i < 40; i++)
            {
                File.WriteAllBytes(file, mutator.Mutate(bytes, isZip: false));
                _ = Check(_ => ImageReader.Read(image), [], $"{name} mutation {i}", failures);
            }
            File.WriteAllBytes(file, bytes);
        }
        failures.Should().BeEmpty();
    }

    /// <returns>1 if the input was rejected with a clean error, else 0.</returns>
    private static int Check(Action<byte[]> parse, byte[] input, string what, List<string> failures)
    {
        var clock = Stopwatch.StartNew();
        var rejected = 0;
        try { parse(input); }
        catch (Exception e) when (FuzzTargets.IsClean(e)) { rejected = 1; }
        catch (Exception e)
        {
            failures.Add($"{what}: {e.GetType().Name}: {e.Message}");
        }
        if (clock.Elapsed > SlowInput) failures.Add($"{what}: took {clock.Elapsed.TotalSeconds:F1} s");
        return rejected;
    }
}
