using System.Text.RegularExpressions;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.Image;
using Eiec.Tests.Support;

namespace Eiec.Tests.Compiler;

/// <summary>
/// image.json lists the configuration's derived values (entry_bits, spmat_words, ...). The reader
/// recomputes each from the configuration and rejects a manifest that disagrees, naming the key,
/// the value in the file and the value the configuration implies, in one line.
/// </summary>
public class ImageDerivedValueTests
{
    // Images.Small: 64-bit words of 8-bit entries, 8 KiB of sparse-matrix SRAM per PE.
    [Theory]
    [InlineData("entries_per_word", "8", "9")]
    [InlineData("spmat_words", "1024", "1000")]
    [InlineData("entry_bits", "8", "16")]
    public void Should_reject_the_image_naming_key_expected_and_actual_When_a_derived_value_was_edited(
        string key, string expected, string edited)
    {
        using var tmp = new TempDir();
        var dir = tmp.File("img");
        Images.CompileToDisk(Images.Random(1, [20, 10], 0.3), Images.Small(2), dir);
        var manifest = Path.Combine(dir, ImageFiles.Manifest);
        var text = File.ReadAllText(manifest);
        var original = $"\"{key}\": {expected},";
        text.Should().Contain(original, "the manifest records the derived value");
        File.WriteAllText(manifest, text.Replace(original, $"\"{key}\": {edited},"));

        var read = () => ImageReader.Read(dir);

        read.Should().Throw<EiecException>().Which.Message.Should()
            .Be($"{manifest}: accelerator.{key} = {edited}, but the configuration implies {expected}");
    }

    [Fact]
    public void Should_reject_the_image_When_a_derived_value_is_missing()
    {
        using var tmp = new TempDir();
        var dir = tmp.File("img");
        Images.CompileToDisk(Images.Random(2, [20, 10], 0.3), Images.Small(2), dir);
        var manifest = Path.Combine(dir, ImageFiles.Manifest);
        File.WriteAllText(manifest, Regex.Replace(File.ReadAllText(manifest), "\\s*\"slot_bits\": 3,", ""));

        var read = () => ImageReader.ReadManifest(dir);

        read.Should().Throw<EiecException>().Which.Message.Should()
            .Be($"{manifest}: accelerator.slot_bits = (missing), but the configuration implies 3");
    }

    [Fact]
    public void Should_read_the_image_When_its_derived_values_are_untouched()
    {
        using var tmp = new TempDir();
        var dir = tmp.File("img");
        Images.CompileToDisk(Images.Random(3, [20, 10], 0.3), Images.Small(2), dir);

        ImageReader.Read(dir).Config.Should().Be(Images.Small(2));
    }
}
