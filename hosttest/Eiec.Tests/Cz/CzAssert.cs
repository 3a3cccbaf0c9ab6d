using Eiec.Contract.Cz;

namespace Eiec.Tests.Cz;

public static class CzAssert
{
    public static void SameModel(CzModel actual, CzModel expected)
    {
        actual.Name.Should().Be(expected.Name);
        actual.Layers.Should().HaveCount(expected.Layers.Count);
        for (var i = 0; i < expected.Layers.Count; i++)
        {
            var (a, e) = (actual.Layers[i], expected.Layers[i]);
            a.Name.Should().Be(e.Name);
            a.Kind.Should().Be(e.Kind);
            a.Inputs.Should().Be(e.Inputs);
            a.Outputs.Should().Be(e.Outputs);
            a.Activation.Should().Be(e.Activation);
            a.IndPtr.Should().Equal(e.IndPtr);
            a.Indices.Should().Equal(e.Indices);
            a.Codes.Should().Equal(e.Codes);
            a.Codebook.Should().Equal(e.Codebook);
            if (e.Bias is null) a.Bias.Should().BeNull();
            else a.Bias.Should().Equal(e.Bias);
        }
    }
}
