using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;

namespace Eiec.Tests.Cz;

/// <summary>Validation of in-memory models (as importers build them), without any file involved.</summary>
public class CzValidatorTests
{
    private const string Source = "imported model";

    private static string ErrorOf(CzModel model, int maxCodebook = 16)
    {
        var act = () => CzValidator.Validate(model, Source, maxCodebook);
        var message = act.Should().Throw<EiecException>().Which.Message;
        message.Should().StartWith(Source + ": ").And.NotContain("member", "in-memory models have no ZIP members");
        return message;
    }

    [Fact]
    public void Should_Pass_When_ModelIsValid()
    {
        var act = () => CzValidator.Validate(CzSamples.TwoLayer(), Source);

        act.Should().NotThrow();
    }

    [Fact]
    public void Should_Pass_When_LayerHasNoNonZeros()
    {
        var empty = CzSamples.Copy(CzSamples.Fc2(), indptr: [0, 0, 0, 0], indices: [], codes: [], codebook: [0f]);

        var act = () => CzValidator.Validate(new CzModel("m", [CzSamples.Fc1(), empty]), Source);

        act.Should().NotThrow();
    }

    [Fact]
    public void Should_StateTheMismatch_When_ShapesDoNotChain()
    {
        var model = new CzModel("m", [CzSamples.Fc1(), CzSamples.Copy(CzSamples.Fc2(), inputs: 2, indptr: [0, 1, 3])]);

        ErrorOf(model).Should().Be("imported model: layer 'fc2' field 'inputs': " +
            "layer 'fc2' has 2 inputs but the previous layer 'fc1' has 3 outputs");
    }

    public static TheoryData<CzModel, string> BadModels() => new()
    {
        { new CzModel("m", []), "no layers" },
        { new CzModel("", [CzSamples.Fc1()]), "model's field 'name' is empty" },
        {
            new CzModel("m", [CzSamples.Copy(CzSamples.Fc1(), name: "")]),
            "layer #1 field 'name': the layer name is empty"
        },
        {
            new CzModel("m", [CzSamples.Fc1(), CzSamples.Copy(CzSamples.Fc2(), name: "fc1")]),
            "layer 'fc1' (#2) field 'name': duplicate layer name; layer #1"
        },
        {
            new CzModel("m", [CzSamples.Copy(CzSamples.Fc1(), kind: "conv")]),
            "layer 'fc1' field 'kind': 'conv' is not supported"
        },
        {
            new CzModel("m", [CzSamples.Copy(CzSamples.Fc1(), inputs: 0)]),
            "layer 'fc1' field 'inputs': 0 must be at least 1"
        },
        {
            new CzModel("m", [CzSamples.Copy(CzSamples.Fc1(), outputs: -3)]),
            "layer 'fc1' field 'outputs': -3 must be at least 1"
        },
        {
            new CzModel("m", [CzSamples.Copy(CzSamples.Fc1(), activation: (LayerActivation)7)]),
            "layer 'fc1' field 'activation': unknown activation value 7"
        },
        { new CzModel("m", [WithoutIndices(CzSamples.Fc1())]), "layer 'fc1' field 'indices': the array is missing" },
        {
            new CzModel("m", [CzSamples.Copy(CzSamples.Fc1(), codes: [1, 2, 3, 1, 1, 9])]),
            "layer 'fc1' field 'codes': code 9 at position 5 is not below the codebook size 4"
        },
    };

    // Callers outside nullable-aware code can still hand over a null array.
    private static CzLayer WithoutIndices(CzLayer l) => new()
    {
        Name = l.Name, Inputs = l.Inputs, Outputs = l.Outputs, Activation = l.Activation,
        IndPtr = l.IndPtr, Indices = null!, Codes = l.Codes, Codebook = l.Codebook,
    };

    [Theory]
    [MemberData(nameof(BadModels))]
    public void Should_NameLayerAndField_When_ModelBreaksARule(CzModel model, string expected)
    {
        ErrorOf(model).Should().Contain(expected);
    }

    [Fact]
    public void Should_RejectFullCodebook_When_LimitIsSmaller()
    {
        ErrorOf(CzSamples.TwoLayer(), maxCodebook: 3)
            .Should().Contain("layer 'fc1' field 'codebook': 4 entries but at most 3 are allowed");
    }

    [Fact]
    public void Should_AcceptNegativeZero_When_CodebookEntryZeroIsMinusZero()
    {
        var model = new CzModel("m", [CzSamples.Copy(CzSamples.Fc1(), codebook: [-0f, 0.5f, -1f, 2f])]);

        var act = () => CzValidator.Validate(model, Source);

        act.Should().NotThrow();
    }
}
