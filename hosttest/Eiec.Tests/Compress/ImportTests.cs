using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Datasets;
using Eiec.FrontEnd.Import;

namespace Eiec.Tests.Compress;

[Collection(DenseFixtureCollection.Name)]
public sealed class ImportTests(DenseFixture fixture)
{
    [Theory]
    [InlineData("torch_mlp.npz", new[] { "fc0", "fc1", "fc2" })]
    [InlineData("keras_mlp.npz", new[] { "dense", "dense_1", "dense_2" })]
    [InlineData("gemm.onnx", new[] { "fc0", "fc1", "fc2" })]
    [InlineData("matmul.onnx", new[] { "dense", "dense_1", "dense_2" })]
    [InlineData("static_batch.onnx", new[] { "fc0", "fc1", "fc2" })]
    public void Should_match_numpy_forward_pass_When_importing(string file, string[] names)
    {
        var model = DenseModelLoader.Load(fixture.File(file));

        model.Layers.Select(l => l.Name).Should().Equal(names);
        model.Layers.Select(l => (l.Inputs, l.Outputs)).Should().Equal((20, 16), (16, 16), (16, 5));
        model.Layers.Select(l => l.Activation).Should().Equal(LayerActivation.Relu, LayerActivation.Relu,
            LayerActivation.None);
        var inputs = fixture.Npy("inputs.npy").ToFloat32();
        var expected = fixture.Npy("expected_logits.npy").ToFloat64();
        for (int n = 0; n < 7; n++)
        {
            var logits = DenseForward.Run(model, inputs.AsSpan(n * 20, 20));
            for (int c = 0; c < 5; c++)
                logits[c].Should().BeApproximately(expected[n * 5 + c], 1e-4, $"{file}: example {n}, logit {c}");
        }
    }

    [Fact]
    public void Should_fold_view_chain_transpose_and_batchnorm_with_module_names_When_importing_torch_matmul_export()
    {
        var model = DenseModelLoader.Load(fixture.File("torch_bn.onnx"));

        model.Layers.Select(l => l.Name).Should().Equal("fc0", "fc1", "fc2");
        model.Layers.Select(l => (l.Inputs, l.Outputs)).Should().Equal((20, 16), (16, 16), (16, 5));
        model.Layers.Select(l => l.Activation).Should().Equal(LayerActivation.Relu, LayerActivation.Relu,
            LayerActivation.None);
        var inputs = fixture.Npy("inputs.npy").ToFloat32();
        var expected = fixture.Npy("expected_bn_logits.npy").ToFloat64();
        for (int n = 0; n < 7; n++)
        {
            var logits = DenseForward.Run(model, inputs.AsSpan(n * 20, 20));
            for (int c = 0; c < 5; c++)
                logits[c].Should().BeApproximately(expected[n * 5 + c], 1e-4, $"example {n}, logit {c}");
        }
    }

    [Fact]
    public void Should_refuse_naming_node_and_eval_mode_When_batchnorm_is_in_training_mode()
    {
        var path = fixture.File("bn_training.onnx");
        var act = () => DenseModelLoader.Load(path);
        act.Should().Throw<EiecException>().Which.Message.Should()
            .Contain(path).And.Contain("'/bn0/BatchNormalization' "
                + "(BatchNormalization)").And.Contain("training mode").And.Contain("eval-mode");
    }

    [Fact]
    public void Should_name_node_and_op_type_When_onnx_has_unsupported_operator()
    {
        var path = fixture.File("bad_op.onnx");
        var act = () => DenseModelLoader.Load(path);
        act.Should().Throw<EiecException>().Which.Message.Should()
            .Contain(path).And.Contain("'act0'").And.Contain("'Sigmoid'").And.Contain("supported:");
    }

    [Theory]
    [InlineData("bad_shape.onnx", "'fc0' (Gemm)", "19 inputs", "20 features")]
    [InlineData("bad_shape.npz", "'fc1'", "15 inputs", "'fc0' has 16 outputs")]
    public void Should_report_shape_mismatch_When_layers_do_not_chain(string file, string where, string what,
        string against)
    {
        var path = fixture.File(file);
        var act = () => DenseModelLoader.Load(path);
        act.Should().Throw<EiecException>().Which.Message.Should()
            .Contain(path).And.Contain(where).And.Contain(what).And.Contain(against);
    }

    [Fact]
    public void Should_name_layer_and_position_When_weights_contain_NaN()
    {
        var path = fixture.File("nan.npz");
        var act = () => DenseModelLoader.Load(path);
        act.Should().Throw<EiecException>().Which.Message.Should()
            .Contain(path).And.Contain("'fc1'").And.Contain("[3, 7]").And.Contain("NaN");
    }

    [Fact]
    public void Should_scale_uint8_pixels_When_loading_npz_dataset()
    {
        var arrays = fixture.Npz("data.npz");
        var splits = DatasetLoader.Load(fixture.File("data.npz"));

        splits.Train.Count.Should().Be(30);
        splits.Train.Features.Should().Be(20);
        splits.Train.X[7].Should().Be(arrays["x"].ToUInt8()[7] / 255f);
        splits.Train.Labels.Should().Equal(arrays["y"].ToInt32());
        splits.Test.Should().BeSameAs(splits.Train, "without x_test/y_test the one split serves both");
    }

    [Fact]
    public void Should_roundtrip_dense_model_When_writing_npz()
    {
        var model = DenseModelLoader.Load(fixture.File("torch_mlp.npz"));
        using var dir = new Eiec.Tests.Support.TempDir();
        DenseNpzWriter.Write(model, dir.File("copy.npz"));
        var copy = DenseModelLoader.Load(dir.File("copy.npz"));
        for (int l = 0; l < 3; l++)
        {
            copy.Layers[l].Weight.Should().Equal(model.Layers[l].Weight);
            copy.Layers[l].Bias.Should().Equal(model.Layers[l].Bias!);
        }
    }
}
