using Eiec.FrontEnd.Datasets;
using Eiec.Contract.Diagnostics;
using Eiec.Tests.Support;

namespace Eiec.Tests.Compress;

/// <summary>Bad input to compress, train and eval: one error line, exit 1, nothing written, checked before any work.</summary>
[Collection(DenseFixtureCollection.Name)]
public sealed class CompressTrainEvalErrorTests(DenseFixture fixture)
{
    private static void ShouldFailWithOneLine(Support.Cli.Result result, params string[] mentions)
    {
        result.ExitCode.Should().Be(1, result.Stderr);
        result.Stderr.Should().StartWith("eiec: error: ");
        result.Stderr.TrimEnd().Split('\n').Should().HaveCount(1, result.Stderr);
        foreach (var m in mentions) result.Stderr.Should().Contain(m);
    }

    [Fact]
    public void Should_write_no_cz_When_the_report_directory_does_not_exist()
    {
        using var dir = new TempDir();
        var report = Path.Combine(dir.File("nope"), "r.md");
        ShouldFailWithOneLine(Support.Cli.Run("compress", fixture.File("torch_mlp.npz"), "-o", dir.File("c.cz"), "--report", report), report, "does not exist");
        Directory.GetFileSystemEntries(dir.Path).Should().BeEmpty();
    }

    [Fact]
    public void Should_keep_the_earlier_cz_When_the_report_path_is_a_directory()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("c.cz"), "earlier");
        Directory.CreateDirectory(dir.File("r.md"));
        ShouldFailWithOneLine(Support.Cli.Run("compress", fixture.File("torch_mlp.npz"), "-o", dir.File("c.cz"), "--report", dir.File("r.md")), dir.File("r.md"), "is a directory");
        File.ReadAllText(dir.File("c.cz")).Should().Be("earlier");
        Directory.GetFiles(dir.Path).Select(Path.GetFileName).Should().Equal("c.cz");
    }

    [Theory]
    [InlineData("--density", "0")]
    [InlineData("--codebook-bits", "9")]
    [InlineData("--batch", "0")]
    [InlineData("--prune-lr", "-1")]
    [InlineData("--share-epochs", "-2")]
    public void Should_fail_before_loading_anything_When_a_compress_option_is_out_of_range(string option, string value)
    {
        using var dir = new TempDir();
        // The model and data do not exist: the option must be rejected first.
        ShouldFailWithOneLine(Support.Cli.Run("compress", dir.File("none.npz"), "-o", dir.File("c.cz"), "--data", dir.File("none"), option, value), $"{option} {value}");
        Directory.GetFileSystemEntries(dir.Path).Should().BeEmpty();
    }

    [Theory]
    [InlineData("--limit", "-5")]
    [InlineData("--limit", "0")]
    [InlineData("--epochs", "0")]
    [InlineData("--batch", "-1")]
    [InlineData("--lr", "0")]
    [InlineData("--eval-examples", "-1")]
    public void Should_fail_with_one_line_When_a_train_option_is_out_of_range(string option, string value)
    {
        using var dir = new TempDir();
        ShouldFailWithOneLine(Support.Cli.Run("train", "--data", fixture.File("data.npz"), "-o", dir.File("d.npz"), "--layers", "20,5", option, value), $"{option} {value}");
        Directory.GetFileSystemEntries(dir.Path).Should().BeEmpty();
    }

    [Theory]
    [InlineData("--limit", "-5")]
    [InlineData("--sim-limit", "-1")]
    [InlineData("--act-frac", "16")]
    public void Should_fail_with_one_line_When_an_eval_option_is_out_of_range(string option, string value)
    {
        using var dir = new TempDir();
        ShouldFailWithOneLine(Support.Cli.Run("eval", "--data", dir.File("none"), dir.File("d.npz"), dir.File("m.cz"), option, value), $"{option} {value}");
    }

    [Fact]
    public void Should_throw_an_eiec_error_When_a_dataset_is_asked_for_a_negative_count()
    {
        var data = new Dataset { Source = "d.npz", Count = 2, Features = 1, X = [1f, 2f], Labels = [0, 1] };
        var act = () => data.Take(-5);
        act.Should().Throw<EiecException>().WithMessage("d.npz: cannot take -5 examples*");
        data.Take(1).Count.Should().Be(1);
    }
}
