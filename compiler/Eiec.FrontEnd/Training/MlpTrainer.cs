using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Datasets;

namespace Eiec.FrontEnd.Training;

/// <summary>
/// Minibatch training of an <see cref="Mlp"/>: softmax cross-entropy on the last layer, backprop
/// through ReLUs, Adam updates. One trainer serves the three phases of Deep Compression:
/// <list type="bullet">
/// <item>dense: every weight trained;</item>
/// <item>masked (a layer has <see cref="MlpLayer.Mask"/>): gradients of pruned weights are zeroed
///   and pruned weights stay exactly 0;</item>
/// <item>shared (a layer has <see cref="MlpLayer.CodeMap"/>): the gradient of a shared value is the
///   sum of its members' gradients; the codebook is updated and the weights are re-expanded from it.</item>
/// </list>
/// Deterministic: the example order comes from <see cref="SeededRandom"/>, the kernels compute each
/// value in a fixed order (<see cref="DenseKernels"/>), and reductions across threads are over a fixed
/// number of slices summed in slice order. Same seed and data → identical weights, bit for bit.
/// </summary>
public sealed class MlpTrainer
{
    private const int ReductionSlices = 8;

    private readonly Mlp _net;
    private readonly int _batch;
    private readonly float[][] _acts;   // acts[0] = input batch, acts[l+1] = output of layer l
    private readonly float[][] _grads;  // gradient w.r.t. layer l's pre-activation output
    private readonly float[][] _dw, _db;
    private readonly AdamState[] _adamW, _adamB;
    private long _step;

    public MlpTrainer(Mlp net, int batchSize)
    {
        _net = net;
        _batch = batchSize;
        int layers = net.Layers.Count;
        _acts = new float[layers + 1][];
        _acts[0] = new float[batchSize * net.Inputs];
        _grads = new float[layers][];
        _dw = new float[layers][];
        _db = new float[layers][];
        _adamW = new AdamState[layers];
        _adamB = new AdamState[layers];
        for (int l = 0; l < layers; l++)
        {
            var layer = net.Layers[l];
            _acts[l + 1] = new float[batchSize * layer.Outputs];
            _grads[l] = new float[batchSize * layer.Outputs];
            _dw[l] = new float[layer.Weight.LongLength];
            _db[l] = new float[layer.Outputs];
            _adamW[l] = new AdamState(layer.CodeMap is null ? layer.Weight.Length : layer.Codebook!.Length);
            _adamB[l] = new AdamState(layer.Outputs);
        }
    }

    /// <summary>Trains for <see cref="TrainingOptions.Epochs"/> epochs; <paramref name="onEpoch"/> sees each epoch's
    /// figures.</summary>
    public static IReadOnlyList<EpochReport> Train(Mlp net, Dataset train, Dataset? test, TrainingOptions options,
        string phase,
        Action<EpochReport>? onEpoch = null, Action<TrainingProgress>? onProgress = null)
    {
        CheckData(net, train);
        if (test is not null) CheckData(net, test);
        if (options.Epochs < 0) throw new EiecException($"{phase}: {options.Epochs} epochs; the number of epochs "
            + $"cannot be negative");
        if (options.BatchSize < 1) throw new EiecException($"{phase}: minibatch size {options.BatchSize}; it must be "
            + $"at least 1");
        if (!(options.LearningRate > 0) || !double.IsFinite(options.LearningRate))
            throw new EiecException($"{phase}: learning rate {options.LearningRate}; it must be positive and finite");
        int batch = Math.Min(options.BatchSize, train.Count);
        if (batch < 1) throw new EiecException($"{train.Source}: no training examples");
        var trainer = new MlpTrainer(net, batch);
        foreach (var layer in net.Layers) ApplyConstraints(layer);
        var rng = new SeededRandom(options.Seed);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var reports = new List<EpochReport>();
        var clock = Stopwatch.StartNew();
        var testSet = test is null || options.EvalExamples == 0 ? null : test.Take(options.EvalExamples);
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            double lossSum = 0;
            long correct = 0, seen = 0;
            int batches = train.Count / batch;
            for (int b = 0; b < batches; b++)
            {
                double lr = options.LearningRate;
                if (options.CosineDecay)
                {
                    long done = (long)(epoch - 1) * batches + b, total = (long)options.Epochs * batches;
                    lr *= 0.5 * (1 + Math.Cos(Math.PI * done / total));
                }
                var (loss, right) = trainer.Step(train, order.AsSpan(b * batch, batch), (float)lr);
                lossSum += loss;
                correct += right;
                seen += batch;
                if (onProgress is not null && b % 32 == 31) onProgress(new TrainingProgress(phase,
                    epoch - 1 + (double)(b + 1) / batches, options.Epochs));
            }
            double? testAccuracy = testSet is null ? null : Evaluate(net, testSet);
            var report = new EpochReport(phase, epoch, options.Epochs, lossSum / seen, (double)correct / seen,
                testAccuracy, clock.Elapsed);
            reports.Add(report);
            onEpoch?.Invoke(report);
        }
        return reports;
    }

    /// <summary>Top-1 accuracy of the network on the data set.</summary>
    public static double Evaluate(Mlp net, Dataset data)
    {
        var predictions = Predict(net, data);
        long correct = 0;
        for (int k = 0; k < data.Count; k++) if (predictions[k] == data.Labels[k]) correct++;
        return data.Count == 0 ? 0 : (double)correct / data.Count;
    }

    /// <summary>Predicted class (argmax of the last layer, first maximum on ties) of every example.</summary>
    public static int[] Predict(Mlp net, Dataset data)
    {
        CheckData(net, data, labels: false);
        const int batch = 256;
        var result = new int[data.Count];
        var trainer = new MlpTrainer(net, batch);
        for (int start = 0; start < data.Count; start += batch)
        {
            int n = Math.Min(batch, data.Count - start);
            data.X.AsSpan(start * data.Features, n * data.Features).CopyTo(trainer._acts[0]);
            trainer.Forward(n);
            var logits = trainer._acts[^1];
            int classes = net.Outputs;
            for (int b = 0; b < n; b++) result[start + b] = ArgMax(logits.AsSpan(b * classes, classes));
        }
        return result;
    }

    /// <summary>Mean softmax cross-entropy of the network on the data set.</summary>
    public static double Loss(Mlp net, Dataset data)
    {
        CheckData(net, data);
        const int batch = 256;
        var trainer = new MlpTrainer(net, batch);
        double sum = 0;
        for (int start = 0; start < data.Count; start += batch)
        {
            int n = Math.Min(batch, data.Count - start);
            data.X.AsSpan(start * data.Features, n * data.Features).CopyTo(trainer._acts[0]);
            trainer.Forward(n);
            for (int b = 0; b < n; b++) sum += trainer.SoftmaxLoss(b, data.Labels[start + b], null).Loss;
        }
        return data.Count == 0 ? 0 : sum / data.Count;
    }

    private (double Loss, int Correct) Step(Dataset data, ReadOnlySpan<int> indices, float learningRate)
    {
        int features = data.Features;
        for (int b = 0; b < indices.Length; b++)
            data.X.AsSpan(indices[b] * features, features).CopyTo(_acts[0].AsSpan(b * features));
        Forward(_batch);

        int last = _net.Layers.Count - 1;
        double loss = 0;
        int correct = 0;
        for (int b = 0; b < _batch; b++)
        {
            var (l, right) = SoftmaxLoss(b, data.Labels[indices[b]], _grads[last]);
            loss += l;
            if (right) correct++;
        }
        for (int l = last; l >= 0; l--)
        {
            var layer = _net.Layers[l];
            DenseKernels.WeightGradient(_grads[l], _acts[l], _dw[l], _db[l], _batch, layer.Inputs, layer.Outputs);
            if (l > 0)
            {
                DenseKernels.InputGradient(_grads[l], layer.Weight, _grads[l - 1], _batch, layer.Inputs, layer.Outputs);
                if (_net.Layers[l - 1].Relu)
                {
                    var g = _grads[l - 1];
                    var a = _acts[l];
                    for (int k = 0; k < g.Length; k++) if (a[k] <= 0) g[k] = 0;
                }
            }
        }
        _step++;
        for (int l = 0; l <= last; l++) Update(l, learningRate);
        return (loss, correct);
    }

    private void Forward(int n)
    {
        for (int l = 0; l < _net.Layers.Count; l++)
        {
            var layer = _net.Layers[l];
            DenseKernels.Forward(_acts[l], layer.Weight, layer.Bias, _acts[l + 1], n, layer.Inputs, layer.Outputs);
            if (layer.Relu)
            {
                // Element-wise, so TensorPrimitives' vector width cannot change the result.
                var z = _acts[l + 1].AsSpan(0, n * layer.Outputs);
                TensorPrimitives.Max(z, 0f, z);
            }
        }
    }

    /// <summary>Cross-entropy of example b; writes (softmax − one-hot) / batch into <paramref name="grad"/> when
    /// given.</summary>
    private (double Loss, bool Correct) SoftmaxLoss(int b, int label, float[]? grad)
    {
        int classes = _net.Outputs;
        var logits = _acts[^1].AsSpan(b * classes, classes);
        int best = ArgMax(logits);
        double max = logits[best], sum = 0;
        for (int c = 0; c < classes; c++) sum += Math.Exp(logits[c] - max);
        double logSum = Math.Log(sum) + max;
        if (grad is not null)
            for (int c = 0; c < classes; c++)
                grad[b * classes + c] = (float)((Math.Exp(logits[c] - logSum) - (c == label ? 1 : 0)) / _batch);
        return (logSum - logits[label], best == label);
    }

    private void Update(int l, float learningRate)
    {
        var layer = _net.Layers[l];
        _adamB[l].Step(layer.Bias, _db[l], null, learningRate, _step);
        if (layer.CodeMap is { } codes)
        {
            var codebook = layer.Codebook!;
            var gradient = SharedGradient(codes, _dw[l], codebook.Length);
            gradient[0] = 0; // entry 0 is the reserved 0.0
            _adamW[l].Step(codebook, gradient, null, learningRate, _step);
            codebook[0] = 0f;
            Expand(layer);
        }
        else
        {
            _adamW[l].Step(layer.Weight, _dw[l], layer.Mask, learningRate, _step);
        }
    }

    /// <summary>Σ of the gradients of each code's members: fixed slices, partial sums in double, summed in slice
    /// order.</summary>
    private static float[] SharedGradient(byte[] codes, float[] dw, int entries)
    {
        var partial = new double[ReductionSlices, entries];
        Parallel.For(0, ReductionSlices, s =>
        {
            long lo = codes.LongLength * s / ReductionSlices, hi = codes.LongLength * (s + 1) / ReductionSlices;
            var local = new double[entries];
            for (long k = lo; k < hi; k++) local[codes[k]] += dw[k];
            for (int c = 0; c < entries; c++) partial[s, c] = local[c];
        });
        var total = new float[entries];
        for (int c = 0; c < entries; c++)
        {
            double sum = 0;
            for (int s = 0; s < ReductionSlices; s++) sum += partial[s, c];
            total[c] = (float)sum;
        }
        return total;
    }

    /// <summary>Makes a layer's weights obey its mask or its codebook.</summary>
    public static void ApplyConstraints(MlpLayer layer)
    {
        if (layer.CodeMap is not null) Expand(layer);
        else if (layer.Mask is { } mask)
            TensorPrimitives.Multiply(layer.Weight, mask, layer.Weight);
    }

    private static void Expand(MlpLayer layer)
    {
        var codes = layer.CodeMap!;
        var codebook = layer.Codebook!;
        var w = layer.Weight;
        for (long k = 0; k < w.LongLength; k++) w[k] = codebook[codes[k]];
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int c = 1; c < values.Length; c++) if (values[c] > values[best]) best = c;
        return best;
    }

    private static void CheckData(Mlp net, Dataset data, bool labels = true)
    {
        if (data.Features != net.Inputs)
            throw new EiecException($"{data.Source}: examples have {data.Features} features but the model '{net.Name}' "
                + $"takes {net.Inputs} inputs");
        if (!labels) return;
        for (int k = 0; k < data.Count; k++)
            if (data.Labels[k] < 0 || data.Labels[k] >= net.Outputs)
                throw new EiecException($"{data.Source}: label of example {k} is {data.Labels[k]}, but the model "
                    + $"'{net.Name}' has {net.Outputs} classes");
    }
}
