using System.Globalization;
using Eiec.Contract.Cz;
using Eiec.FrontEnd.Compress;
using Eiec.FrontEnd.Export;
using Eiec.FrontEnd.Import;
using Eiec.Golden;
using Eiec.Tests.Npy;
using Eiec.Tests.Support;

namespace Eiec.Tests.Compress;

/// <summary>
/// `eiec export`: the .cz back as dense ONNX and .npz, checked by Debian's python3-onnx (onnx.checker)
/// and a NumPy forward pass written here, against the compressed model's float reference.
/// </summary>
[Collection(DenseFixtureCollection.Name)]
public sealed class ExportTests(DenseFixture fixture)
{
    private const string Script = """
        import sys
        import numpy as np
        import onnx
        from onnx import numpy_helper
        onnx_path, npz_path, x_path = sys.argv[1:4]
        model = onnx.load(onnx_path)
        onnx.checker.check_model(model, full_check=True)
        init = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
        values = {model.graph.input[0].name: np.load(x_path).astype(np.float64)}
        for node in model.graph.node:
            if node.op_type == "Gemm":
                attrs = {a.name: a.i for a in node.attribute}
                assert attrs.get("transB") == 1
                a, w = values[node.input[0]], init[node.input[1]]
                y = a @ w.T
                if len(node.input) > 2:
                    y = y + init[node.input[2]]
                values[node.output[0]] = y
            elif node.op_type == "Relu":
                values[node.output[0]] = np.maximum(values[node.input[0]], 0)
            else:
                raise SystemExit("unexpected op " + node.op_type)
        onnx_logits = values[model.graph.output[0].name]
        z = np.load(npz_path)
        a = np.load(x_path).astype(np.float64)
        names = sorted({k.rsplit(".", 1)[0] for k in z.files})
        for i, name in enumerate(names):
            a = a @ z[name + ".weight"].astype(np.float64).T + z[name + ".bias"].astype(np.float64)
            if i < len(names) - 1:
                a = np.maximum(a, 0)
        for row in np.concatenate([onnx_logits, a]):
            print(" ".join(repr(float(v)) for v in row))
        """;

    [Fact]
    public void Should_pass_onnx_checker_and_match_numpy_forward_pass_When_exporting_a_compressed_model()
    {
        var dense = DenseModelLoader.Load(fixture.File("torch_mlp.npz"));
        var cz = DeepCompressor.Compress(dense, new CompressionOptions { Density = 0.4, CodebookBits = 3 },
            "torch_mlp.npz").Model;
        using var dir = new TempDir();
        var exported = CzExpander.ToDense(cz);
        File.WriteAllBytes(dir.File("m.onnx"), OnnxDenseExporter.ToBytes(exported));
        DenseNpzWriter.Write(exported, dir.File("m.npz"));
        File.WriteAllText(dir.File("check.py"), Script);

        var stdout = NumpyPython.Run(dir.File("check.py"), dir.File("m.onnx"), dir.File("m.npz"),
            fixture.File("inputs.npy"));

        var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        rows.Should().HaveCount(14, "7 examples through the ONNX graph, then 7 through the .npz");
        var inputs = fixture.Npy("inputs.npy").ToFloat32();
        for (int n = 0; n < 7; n++)
        {
            var x = inputs.AsSpan(n * 20, 20).ToArray().Select(v => (double)v).ToArray();
            var expected = FloatReference.Run(cz, x)[^1];
            for (int c = 0; c < 5; c++)
            {
                rows[n][c].Should().BeApproximately(expected[c], 1e-5, $"ONNX, example {n}, logit {c}");
                rows[7 + n][c].Should().BeApproximately(expected[c], 1e-5, $".npz, example {n}, logit {c}");
            }
        }
    }

    [Fact]
    public void Should_read_back_the_same_weights_When_importing_the_exported_onnx()
    {
        var dense = DenseModelLoader.Load(fixture.File("torch_mlp.npz"));
        var cz = DeepCompressor.Compress(dense, new CompressionOptions { Density = 0.25, CodebookBits = 2 },
            "torch_mlp.npz").Model;
        var exported = CzExpander.ToDense(cz);

        var back = FrontEnd.Import.Onnx.OnnxDenseImporter.Parse(OnnxDenseExporter.ToBytes(exported), "m.onnx", "m");

        back.Layers.Select(l => l.Name).Should().Equal("fc0", "fc1", "fc2");
        for (int l = 0; l < 3; l++)
        {
            back.Layers[l].Activation.Should().Be(cz.Layers[l].Activation);
            var layer = cz.Layers[l];
            long nonZero = back.Layers[l].Weight.LongCount(w => w != 0);
            nonZero.Should().Be(layer.Codes.Count(c => c != 0), $"layer {l}: one non-zero per kept weight");
            // Every kept weight sits at (row, column) of the CSC with its codebook value.
            for (int col = 0; col < layer.Inputs; col++)
                for (int k = layer.IndPtr[col]; k < layer.IndPtr[col + 1]; k++)
                    back.Layers[l].Weight[(long)layer.Indices[k] * layer.Inputs + col]
                        .Should().Be(layer.Codebook[layer.Codes[k]]);
        }
    }
}
