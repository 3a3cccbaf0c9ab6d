using Eiec.Toolchain;
using Eiec.Toolchain.Evaluation;
using System.CommandLine;
using System.Diagnostics;
using Eiec.Contract.Config;
using Eiec.Contract.Cz;
using Eiec.Contract.Image;
using Eiec.Compiler.Lowering;
using Eiec.Compiler.Report;

namespace Eiec.Cli.Commands;

/// <summary>`eiec build model.cz --pes N [-c accel.yaml] -o out/`: compile, then write the image, report and RTL all-or-nothing.</summary>
public static class BuildCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Compressed model (.cz)" };
        var output = new Option<string>("--output", "-o") { Description = "Output directory (replaced atomically)", DefaultValueFactory = _ => "out" };
        var actFrac = new Option<int>("--act-frac") { Description = "Fraction bits of the 16-bit activations (docs/fixed-point.md)", DefaultValueFactory = _ => ImageCompiler.DefaultActivationFracBits };
        var config = new ConfigOptions();
        var command = new Command("build", "Compile a .cz model into an EIE image: memory hex files, image.json, report and Verilog") { model };
        command.Options.Add(output);
        command.Options.Add(actFrac);
        config.AddTo(command);
        command.SetAction(parse =>
        {
            var configName = config.Describe(parse);
            var summary = Execute(parse.GetValue(model)!, config.Resolve(parse), parse.GetValue(output)!, parse.GetValue(actFrac), configName);
            parse.InvocationConfiguration.Output.WriteLine(summary);
            return 0;
        });
        return command;
    }

    /// <summary>Builds and returns a one-paragraph summary for the console.</summary>
    public static string Execute(string modelPath, AccelConfig config, string outputDir, int activationFracBits, string configName = "built-in defaults")
    {
        var clock = Stopwatch.StartNew();
        var model = CzReader.Read(modelPath, config.CodebookSize);
        var image = ImageCompiler.Compile(model, config, activationFracBits, modelPath);
        var report = BuildReport.From(image.Manifest);
        AtomicDirectory.Produce(outputDir, dir =>
        {
            ImageWriter.Write(image, dir);
            File.WriteAllText(Path.Combine(dir, ImageFiles.ReportMarkdown), report.ToMarkdown());
            File.WriteAllText(Path.Combine(dir, ImageFiles.ReportJson), report.ToJson());
            RtlWriter.Write(config, configName, Path.Combine(dir, ImageFiles.RtlDir));
        });
        long nnz = image.Layers.Sum(l => l.NonZeros), pad = image.Layers.Sum(l => l.Padding);
        return $"built {outputDir}: {image.Layers.Count} layer(s), {nnz} non-zeros + {pad} padding entries on {config.Pes} PEs " +
               $"({report.Layers.Sum(l => l.EieBits) / 8.0 / 1024:F1} KiB of weights; {clock.Elapsed.TotalSeconds:F2} s). Report: {Path.Combine(outputDir, ImageFiles.ReportMarkdown)}";
    }
}
