using System.CommandLine;
using System.Globalization;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.Contract.FixedPoint;
using Eiec.Golden;
using Eiec.Contract.Image;
using Eiec.Contract.Npy;

namespace Eiec.Cli.Commands;

/// <summary>`eiec run out/ --input x.npy`: the fixed-point golden model on a compiled image read from disk.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "Image directory written by `eiec build`" };
        var input = new Option<string>("--input", "-i") { Description = "Input .npy: 1-D vector or 2-D batch; float (quantized) or int16 (raw Q-format)", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Write the last layer's outputs to this .npy (float32 in real units; int16 raw with --raw)" };
        var raw = new Option<bool>("--raw") { Description = "Write int16 fixed-point outputs instead of float32" };
        var reference = new Option<string?>("--reference") { Description = "Also run the float reference from this .cz and report the largest difference" };
        var repeat = new Option<int>("--repeat") { Description = "Benchmark: run the batch this many more times on one thread and report MACs per second" };
        var command = new Command("run", "Run the fixed-point golden model on a compiled image") { image };
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(raw);
        command.Options.Add(reference);
        command.Options.Add(repeat);
        command.SetAction(parse =>
        {
            var w = parse.InvocationConfiguration.Output;
            var dir = parse.GetValue(image)!;
            if (parse.GetValue(repeat) < 0) throw new EiecException($"--repeat {parse.GetValue(repeat)}: must be 0 or more");
            var img = ImageReader.Read(dir);
            int frac = img.Manifest.ActivationFracBits;
            var vectors = ActivationInput.Load(parse.GetValue(input)!, img.Layers[0].Inputs, frac, out long inputSat);
            var model = new GoldenModel(img);
            var results = vectors.Select(v => model.Run(v)).ToArray();
            var ci = CultureInfo.InvariantCulture;
            w.WriteLine(string.Create(ci, $"golden model: {img.Manifest.Model}, {vectors.Length} vector(s), activations {FixedPointMath.QFormat(frac)}; input saturations: {inputSat}"));
            for (int l = 0; l < img.Layers.Count; l++)
                w.WriteLine(string.Create(ci, $"  layer {l} {img.Layers[l].Name}: {results.Sum(r => r.Macs[l])} MACs, {results.Sum(r => r.Saturations[l])} saturations"));
            if (vectors.Length <= 4)
                foreach (var r in results)
                {
                    var real = FixedPointMath.ToReal(r.Output, frac);
                    int argmax = Array.IndexOf(real, real.Max());
                    w.WriteLine(string.Create(ci, $"  output[0..{Math.Min(8, real.Length)}) = [{string.Join(", ", real.Take(8).Select(x => x.ToString("G6", ci)))}{(real.Length > 8 ? ", ..." : "")}], argmax {argmax}"));
                }
            if (parse.GetValue(repeat) is var k and > 0)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                long total = 0;
                for (int r = 0; r < k; r++)
                    foreach (var v in vectors) total += model.Run(v).Macs.Sum();
                double seconds = clock.Elapsed.TotalSeconds;
                w.WriteLine(string.Create(ci, $"  benchmark: {k} × {vectors.Length} vector(s), {total} MACs in {seconds:F3} s on one thread = {total / seconds / 1e6:F1} M MAC/s"));
            }
            if (parse.GetValue(reference) is { } czPath)
                w.WriteLine(CompareWithReference(CzReader.Read(czPath), img, czPath, vectors, results, frac, ci));
            if (parse.GetValue(output) is { } outPath)
                WriteOutputs(outPath, results, frac, parse.GetValue(raw), vectors.Length > 1 || ActivationInput.IsBatch(parse.GetValue(input)!));
            return 0;
        });
        return command;
    }

    private static string CompareWithReference(CzModel model, CompiledImage image, string czPath, short[][] vectors, GoldenResult[] results, int frac, IFormatProvider ci)
    {
        if (model.Layers.Count != image.Layers.Count)
            throw new EiecException($"{czPath}: the reference model has {model.Layers.Count} layers but the image has {image.Layers.Count}");
        for (int l = 0; l < model.Layers.Count; l++)
            if (model.Layers[l].Inputs != image.Layers[l].Inputs || model.Layers[l].Outputs != image.Layers[l].Outputs)
                throw new EiecException($"{czPath}: layer {l} ('{model.Layers[l].Name}') is {model.Layers[l].Inputs} → {model.Layers[l].Outputs} but the image's layer {l} is {image.Layers[l].Inputs} → {image.Layers[l].Outputs}");
        double worst = 0;
        for (int b = 0; b < vectors.Length; b++)
        {
            var expected = FloatReference.Run(model, FixedPointMath.ToReal(vectors[b], frac))[^1];
            var actual = FixedPointMath.ToReal(results[b].Output, frac);
            for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        }
        return string.Create(ci, $"  float reference (same quantized inputs): largest |golden − reference| = {worst:G4} ({worst * Math.Pow(2, frac):F2} LSB)");
    }

    private static void WriteOutputs(string path, GoldenResult[] results, int frac, bool raw, bool batch)
    {
        var array = OutputArray.From(results.Select(r => r.Output).ToArray(), raw, frac, batch);
        try { NpyWriter.WriteFile(path, array); }
        catch (IOException e) { throw new EiecException($"{path}: cannot write outputs: {e.Message}"); }
    }
}
