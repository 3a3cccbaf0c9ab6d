using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Compress;

namespace Eiec.Tests.Compress;

/// <summary>prune.yaml errors name the file, line and key, like accelerator configs (issue 11, item 4).</summary>
public sealed class PruneConfigTests
{
    [Fact]
    public void Should_read_the_default_and_per_layer_densities()
    {
        var config = PruneConfig.Parse("density: 0.1\nlayers:\n  fc0: 0.08\n  fc2: 0.26\n", "p.yaml");

        config.Density.Should().Be(0.1);
        config.Layers.Should().BeEquivalentTo(new Dictionary<string, double> { ["fc0"] = 0.08, ["fc2"] = 0.26 });
    }

    [Fact]
    public void Should_accept_an_empty_file_and_an_empty_layers_key()
    {
        PruneConfig.Parse("", "p.yaml").Density.Should().BeNull();
        PruneConfig.Parse("layers:\n", "p.yaml").Layers.Should().BeEmpty();
    }

    [Theory]
    [InlineData("density: 0.1\ndensity: 0.2\n", "key 'density' appears twice, at line 1 and line 2")]
    [InlineData("layers:\n  fc0: 0.1\n  fc0: 0.2\n", "key 'layers.fc0' appears twice, at line 2 and line 3")]
    [InlineData("density: 0.1\ndensty: 0.2\n", "line 2: unknown key 'densty' (did you mean 'density'?)")]
    [InlineData("layers:\n  fc0: 1.5\n", "line 2: layers.fc0 = 1.5; a density is the fraction")]
    [InlineData("density: lots\n", "line 1, key 'density': 'lots' is not a number")]
    [InlineData("layers: [fc0, fc1]\n", "line 1: 'layers' must be a mapping")]
    [InlineData("- 0.1\n", "a prune config must be a mapping")]
    [InlineData("density: [0.1\n", "malformed prune config at line")]
    public void Should_name_the_file_line_and_key_When_the_config_is_wrong(string yaml, string expected)
    {
        var act = () => PruneConfig.Parse(yaml, "p.yaml");

        act.Should().Throw<EiecException>().Which.Message.Should().StartWith("p.yaml").And.Contain(expected);
    }

    [Fact]
    public void Should_suggest_the_nearest_layer_When_a_listed_layer_is_not_in_the_model()
    {
        var config = PruneConfig.Parse("layers:\n  fc_1: 0.1\n", "p.yaml");

        var act = () => config.Apply(new CompressionOptions(), ["fc0", "fc1", "fc2"], "p.yaml");

        act.Should().Throw<EiecException>().WithMessage("*layers.fc_1*no layer 'fc_1'*did you mean 'fc1'*");
    }
}
