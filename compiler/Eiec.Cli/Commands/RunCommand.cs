using System.CommandLine;
using System.Globalization;
using Eiec.Contract.FixedPoint;
using Eiec.Toolchain;
using Eiec.Toolchain.Run;

namespace Eiec.Cli.Commands;

/// <summary>`eiec run out/ --input x.npy`: the fixed-point golden model on a compiled image read from disk.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "Image directory written by `eiec build`" };
        var input = new Option<string>("--input", "-i")
        {
            Description = "Input .npy: 1-D vector or 2-D batch; float (quantized) or int16 (raw Q-format)",
            Required = true,
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the last layer's outputs to this .npy (float32 in real units; int16 raw with --raw)",
        };
        var raw = new Option<bool>("--raw") { Description = "Write int16 fixed-point outputs instead of float32" };
        var reference = new Option<string?>("--reference")
        {
            Description = "Also run the float reference from this .cz and report the largest difference",
        };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Benchmark: run the batch this many more times on one thread and report MACs per second",
        };
        var command = new Command("run", "Run the fixed-point golden model on a compiled image") { image };
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(raw);
        command.Options.Add(reference);
        command.Options.Add(repeat);
        var jobs = JobsOption.Create("the batch");
        command.Options.Add(jobs);
        command.SetAction(parse =>
        {
            var w = parse.InvocationConfiguration.Output;
            var ui = new SimConsole(parse);
            var run = BatchProgress.Run(parse, ui.Console, "ran", onProgress => EiecToolchain.Run(new RunRequest
            {
                ImageDir = parse.GetValue(image)!, InputPath = parse.GetValue(input)!,
                OutputPath = parse.GetValue(output),
                Raw = parse.GetValue(raw), ReferencePath = parse.GetValue(reference), Repeat = parse.GetValue(repeat),
                Jobs = parse.GetValue(jobs),
            }, onProgress));
            var img = run.Image;
            var results = run.Results;
            int frac = run.FracBits;
            var ci = CultureInfo.InvariantCulture;
            w.WriteLine(string.Create(ci, $"golden model: {img.Manifest.Model}, {run.Inputs.Length} vector(s), "
                + $"activations {FixedPointMath.QFormat(frac)}; input saturations: {run.InputSaturations}"));
            if (img.Manifest.InputNormalization is { } norm)
                w.WriteLine($"  float inputs normalized as the model says: {norm}");
            for (int l = 0; l < img.Layers.Count; l++)
                w.WriteLine(string.Create(ci, $"  layer {l} {img.Layers[l].Name}: {results.Sum(r => r.Macs[l])} MACs, "
                    + $"{results.Sum(r => r.Saturations[l])} saturations"));
            if (run.Inputs.Length <= 4)
                foreach (var r in results)
                {
                    var real = FixedPointMath.ToReal(r.Output, frac);
                    int argmax = Array.IndexOf(real, real.Max());
                    string shown = string.Join(", ", real.Take(8).Select(x => x.ToString("G6", ci)));
                    w.WriteLine(string.Create(ci, $"  output[0..{Math.Min(8, real.Length)}) = [{shown}"
                        + $"{(real.Length > 8 ? ", ..." : "")}], argmax {argmax}"));
                }
            if (run.Benchmark is { } b)
                w.WriteLine(string.Create(ci, $"  benchmark: {b.Repeats} × {b.Vectors} vector(s), {b.Macs} MACs in "
                    + $"{b.Seconds:F3} s on one thread = {b.MegaMacsPerSecond:F1} M MAC/s"));
            if (run.Reference is { } compared)
                w.WriteLine(string.Create(ci, $"  float reference (same quantized inputs): largest "
                    + $"|golden − reference| = {compared.Largest:G4} ({compared.LargestLsb:F2} LSB)"));
            return 0;
        });
        return command;
    }
}
