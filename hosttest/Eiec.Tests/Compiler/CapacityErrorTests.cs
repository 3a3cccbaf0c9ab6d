using Eiec.Compiler.Lowering;
using Eiec.Contract.Config;
using Eiec.Contract.Diagnostics;
using Eiec.Tests.Support;

namespace Eiec.Tests.Compiler;

public class CapacityErrorTests
{
    [Fact]
    public void Should_name_the_layer_and_PE_When_pointers_overflow()
    {
        var model = Images.Random(1, [64, 40, 300], 0.9);
        var config = Images.Small(2) with { PointerBits = 8, SpmatSramBytes = 64 * 1024 };
        var act = () => ImageCompiler.Compile(model, config, 8, "big.cz");
        act.Should().Throw<EiecException>()
            .WithMessage("big.cz: layer 'fc1' (index 0): PE * needs * sparse-matrix entries, " +
                "but pointer_bits = 8 addresses at most 255 per layer*");
    }

    [Fact]
    public void Should_name_the_layer_and_PE_When_the_sparse_matrix_SRAM_is_full()
    {
        var model = Images.Random(1, [100, 40, 400], 0.5);
        var config = Images.Small(4) with { SpmatSramBytes = 2048 };
        var act = () => ImageCompiler.Compile(model, config, 8, "m.cz");
        act.Should().Throw<EiecException>().WithMessage("m.cz: layer 'fc2' (index 1): " +
            "PE * needs sparse-matrix words *, but the sparse-matrix SRAM holds 256 words*");
    }

    [Fact]
    public void Should_name_the_layer_When_the_activation_buffer_is_too_small()
    {
        var model = Images.Random(1, [1000, 10], 0.1);
        var config = Images.Small(1);
        var act = () => ImageCompiler.Compile(model, config, 8, "m.cz");
        act.Should().Throw<EiecException>().WithMessage("m.cz: layer 'fc1' (index 0): 1000 inputs and 10 outputs " +
            "need 1000 activations per PE at 1 PE(s), but each activation buffer holds 256*");
    }

    [Fact]
    public void Should_name_the_layer_When_pointer_banks_are_full()
    {
        var model = Images.Random(1, [500, 10], 0.1);
        var config = Images.Small(2) with { PointerSramBytes = 256 };
        var act = () => ImageCompiler.Compile(model, config, 8, "m.cz");
        act.Should().Throw<EiecException>().WithMessage("m.cz: layer 'fc1' (index 0): its 501 column pointers " +
            "need pointer-bank rows 0..250 in every PE, but each bank holds 64*");
    }

    [Fact]
    public void Should_keep_the_earlier_build_When_a_later_build_fails()
    {
        using var tmp = new TempDir();
        var good = Images.Random(1, [30, 20], 0.3);
        Images.CompileToDisk(good, Images.Small(2), tmp.File("out"));
        var before = Directory.GetFiles(tmp.File("out"), "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.ReadAllBytes);
        var act = () => Eiec.Contract.Image.AtomicDirectory.Produce(tmp.File("out"), dir =>
        {
            File.WriteAllText(Path.Combine(dir, "partial.hex"), "00");
            throw new EiecException("simulated failure half-way");
        });
        act.Should().Throw<EiecException>();
        Directory.GetFiles(tmp.File("out"), "*", SearchOption.AllDirectories).Should().BeEquivalentTo(before.Keys);
        foreach (var (f, bytes) in before) File.ReadAllBytes(f).Should().Equal(bytes);
        Directory.GetDirectories(tmp.Path).Should().HaveCount(1, "the staging directory is removed");
    }

    [Fact]
    public void Should_refuse_to_replace_a_directory_that_is_not_an_image()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.File("docs"));
        File.WriteAllText(tmp.File("docs/thesis.tex"), "precious");
        var act = () => Eiec.Contract.Image.AtomicDirectory.Produce(tmp.File("docs"), _ => { });
        act.Should().Throw<EiecException>().WithMessage("*not an eiec image*");
        File.ReadAllText(tmp.File("docs/thesis.tex")).Should().Be("precious");
    }
}
