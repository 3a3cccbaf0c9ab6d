using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Eiec.FrontEnd.Training;
using Eiec.Toolchain;
using Eiec.Toolchain.Train;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec train --data DIR|x.npz --layers 784,300,100,10 -o dense.npz [--epochs N] [--seed N]`: dense training
/// from scratch.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "Training data: an IDX directory (MNIST/Fashion-MNIST layout) or an .npz with x and y",
            Required = true,
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Dense model to write (.npz, PyTorch naming fcK.weight/fcK.bias)",
            Required = true,
        };
        var layers = new Option<string>("--layers")
        {
            Description = "Layer sizes, input first, e.g. 784,300,100,10 (LeNet-300-100)",
            DefaultValueFactory = _ => "784,300,100,10",
        };
        var epochs = new Option<int>("--epochs")
        {
            Description = "Epochs over the training split",
            DefaultValueFactory = _ => 10,
        };
        var batch = new Option<int>("--batch") { Description = "Minibatch size", DefaultValueFactory = _ => 64 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => 1e-3 };
        var seed = new Option<long>("--seed")
        {
            Description = "Seed of initialisation and example order: same seed, same bytes",
            DefaultValueFactory = _ => 1,
        };
        var evalExamples = new Option<int?>("--eval-examples")
        {
            Description = "Test examples to score after each epoch (default: all; 0: none)",
        };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N training examples" };
        var command = new Command("train",
            "Train a dense FC+ReLU network (softmax cross-entropy) from scratch and write its .npz");
        foreach (var o in new Option[] { data, output, layers, epochs, batch, lr, seed, evalExamples, limit })
            command.Options.Add(o);
        var normalization = new NormalizationOptions();
        normalization.AddTo(command);
        command.SetAction(parse =>
        {
            var ui = new TrainingConsole(parse);
            var clock = Stopwatch.StartNew();
            string dataPath = parse.GetValue(data)!, outPath = parse.GetValue(output)!;
            // Options and the output path are checked before the data is loaded.
            if (parse.GetValue(limit) is { } n) OptionChecks.AtLeast("--limit", n, 1);
            OptionChecks.AtLeast("--epochs", parse.GetValue(epochs), 1);
            OptionChecks.AtLeast("--batch", parse.GetValue(batch), 1);
            OptionChecks.Positive("--lr", parse.GetValue(lr));
            if (parse.GetValue(evalExamples) is { } ev) OptionChecks.AtLeast("--eval-examples", ev, 0);
            var request = new TrainRequest
            {
                DataPath = dataPath, OutputPath = outPath, Layers = parse.GetValue(layers)!,
                Limit = parse.GetValue(limit), Normalization = normalization.Resolve(parse),
                Options = new TrainingOptions
                {
                    Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batch),
                    LearningRate = parse.GetValue(lr),
                    Seed = parse.GetValue(seed), EvalExamples = parse.GetValue(evalExamples),
                },
            };
            var trained = ui.Run((onEpoch, onProgress) => EiecToolchain.Train(request, onEpoch, onProgress));
            ui.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trained {string.Join("-", trained.Sizes)} on {trained.TrainExamples} examples in "
                + $"{clock.Elapsed.TotalSeconds:F1} s; test top-1 {trained.TestAccuracy:P2} on "
                + $"{trained.TestExamples} examples; wrote {outPath}"));
            return 0;
        });
        return command;
    }
}
