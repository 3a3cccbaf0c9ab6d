using System.Diagnostics;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.FixedPoint;
using Eiec.Contract.Image;
using Eiec.FrontEnd.Datasets;
using Eiec.FrontEnd.Import;
using Eiec.FrontEnd.Training;
using Eiec.Golden;

namespace Eiec.Toolchain.Evaluation;

/// <summary>
/// Top-1 accuracy of one model in its successive forms: dense float, compressed float
/// (<see cref="FloatReference"/>), fixed-point golden model on the compiled image. Each is a
/// function from an example to a class, so another form (the cycle simulator) is one more
/// <see cref="Row"/> call. Argmax takes the first maximum on ties, the same rule for every row.
/// </summary>
public static class ModelEvaluator
{
    /// <summary>
    /// Runs <paramref name="predict"/> over every example (in parallel; each example is independent).
    /// </summary>
    public static AccuracyRow Row(string name, Dataset data, Func<int, int> predict)
    {
        var clock = Stopwatch.StartNew();
        var predictions = new int[data.Count];
        Parallel.For(0, data.Count, k => predictions[k] = predict(k));
        long correct = 0;
        for (int k = 0; k < data.Count; k++) if (predictions[k] == data.Labels[k]) correct++;
        return new AccuracyRow(name, predictions, data.Count == 0 ? 0 : (double)correct / data.Count, clock.Elapsed);
    }

    public static AccuracyRow DenseFloat(DenseModel model, Dataset data)
    {
        var clock = Stopwatch.StartNew();
        var net = Mlp.FromDense(model);
        var predictions = MlpTrainer.Predict(net, data);
        long correct = 0;
        for (int k = 0; k < data.Count; k++) if (predictions[k] == data.Labels[k]) correct++;
        return new AccuracyRow("dense float32", predictions, data.Count == 0 ? 0 : (double)correct / data.Count,
            clock.Elapsed);
    }

    public static AccuracyRow CompressedFloat(CzModel model, Dataset data)
    {
        CheckInputs(model.Layers[0].Inputs, data, model.Name);
        return Row("compressed float (FloatReference)", data, k =>
        {
            var x = data.Example(k);
            var input = new double[x.Length];
            for (int i = 0; i < x.Length; i++) input[i] = x[i];
            var outputs = FloatReference.Run(model, input);
            return ArgMax(outputs[^1]);
        });
    }

    public static AccuracyRow Golden(CompiledImage image, Dataset data)
    {
        CheckInputs(image.Layers[0].Inputs, data, image.Manifest.Model);
        int frac = image.Manifest.ActivationFracBits;
        var golden = new GoldenModel(image); // Run keeps no state between calls, so one instance serves every thread
        return Row($"fixed-point golden model ({FixedPointMath.QFormat(frac)})", data,
            k => ArgMax(golden.Run(Quantize(data.Example(k), frac)).Output));
    }

    /// <summary>
    /// An example as 16-bit activations with <paramref name="fracBits"/> fraction bits (docs/fixed-point.md).
    /// </summary>
    public static short[] Quantize(ReadOnlySpan<float> x, int fracBits)
    {
        var q = new short[x.Length];
        for (int i = 0; i < x.Length; i++) q[i] = FixedPointMath.Quantize(x[i], fracBits, out _);
        return q;
    }

    public static int ArgMax<T>(ReadOnlySpan<T> values) where T : IComparable<T>
    {
        int best = 0;
        for (int c = 1; c < values.Length; c++) if (values[c].CompareTo(values[best]) > 0) best = c;
        return best;
    }

    public static int ArgMax<T>(T[] values) where T : IComparable<T> => ArgMax((ReadOnlySpan<T>)values);

    private static void CheckInputs(int inputs, Dataset data, string model)
    {
        if (data.Features != inputs)
            throw new EiecException($"{data.Source}: examples have {data.Features} features but the model " +
                $"'{model}' takes {inputs} inputs");
    }
}
