using System.CommandLine;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;
using Eiec.FrontEnd.Gen;
using Eiec.Contract.Npy;

namespace Eiec.Cli.Commands;

/// <summary>
/// `eiec gen`: seeded random compressed models. Either the EIE paper's benchmark layer shapes
/// (`--layer VGG-6`, `--all`) with an input at the layer's activation density, or a custom MLP
/// (`--dims 784,300,100,10 --density 0.1`).
/// </summary>
public static class GenCommand
{
    public static Command Create()
    {
        var layer = new Option<string[]>("--layer") { Description = "Benchmark layer name(s) from the table (e.g. VGG-6)", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Every layer of the benchmark table" };
        var table = new Option<string?>("--table") { Description = "Benchmark table YAML (default: the EIE paper's Table III, built in)" };
        var dims = new Option<string?>("--dims") { Description = "Custom MLP widths, e.g. 784,300,100,10" };
        var density = new Option<double>("--density") { Description = "Weight density for --dims", DefaultValueFactory = _ => 0.1 };
        var actDensity = new Option<double>("--input-density") { Description = "Non-zero fraction of the generated input for --dims", DefaultValueFactory = _ => 0.5 };
        var bias = new Option<bool>("--bias") { Description = "Give every layer a random bias" };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed → identical files)", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output", "-o") { Description = "Output directory", DefaultValueFactory = _ => "models" };
        var command = new Command("gen", "Generate seeded random compressed models (.cz) and inputs (.npy)");
        foreach (var o in new Option[] { layer, all, table, dims, density, actDensity, bias, seed, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var w = parse.InvocationConfiguration.Output;
            var outDir = parse.GetValue(output)!;
            if (File.Exists(outDir)) throw new EiecException($"{outDir}: output path is a file, not a directory");
            int s = parse.GetValue(seed);
            if (parse.GetValue(dims) is { } d)
            {
                int[] widths;
                try { widths = d.Split(',').Select(int.Parse).ToArray(); }
                catch (Exception e) when (e is FormatException or OverflowException) { throw new EiecException($"--dims '{d}': expected comma-separated integers like 784,300,10"); }
                if (widths.Length < 2 || widths.Any(x => x < 1)) throw new EiecException($"--dims '{d}': need at least two positive widths");
                double wd = parse.GetValue(density), ad = parse.GetValue(actDensity);
                if (!(wd > 0 && wd <= 1)) throw new EiecException($"--density {wd}: must be in (0, 1]");
                if (!(ad >= 0 && ad <= 1)) throw new EiecException($"--input-density {ad}: must be in [0, 1]");
                for (int l = 0; l + 1 < widths.Length; l++)
                    if (wd * widths[l] * (double)widths[l + 1] > MaxNonZeros)
                        throw new EiecException($"--dims '{d}': layer {l + 1} ({widths[l]} × {widths[l + 1]} at density {wd}) would keep more than {MaxNonZeros} weights");
                var spec = new RandomModelSpec { Dims = widths, WeightDensity = [wd], Seed = s, Bias = parse.GetValue(bias), Name = $"mlp-{string.Join("-", widths)}" };
                Directory.CreateDirectory(outDir);
                Emit(w, outDir, spec.Name, RandomModel.Create(spec), RandomModel.CreateInput(widths[0], ad, s + 1));
                return 0;
            }
            var rows = parse.GetValue(table) is { } t ? BenchmarkTable.Load(t) : BenchmarkTable.BuiltIn();
            var names = parse.GetValue(all) ? rows.Select(r => r.Name).ToArray() : parse.GetValue(layer) ?? [];
            if (names.Length == 0) throw new EiecException("nothing to generate: give --layer NAME, --all, or --dims");
            var chosen = names.Select(name => rows.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new EiecException($"--layer '{name}': no such benchmark layer; known: {string.Join(", ", rows.Select(r => r.Name))}")).ToList();
            Directory.CreateDirectory(outDir);
            foreach (var row in chosen)
            {
                var spec = new RandomModelSpec { Dims = [row.Inputs, row.Outputs], WeightDensity = [row.WeightDensity], Seed = s, Bias = parse.GetValue(bias), ReluOnLast = true, Name = row.Name };
                Emit(w, outDir, row.Name, RandomModel.Create(spec), RandomModel.CreateInput(row.Inputs, row.ActivationDensity, s + 1));
            }
            return 0;
        });
        return command;
    }

    /// <summary>CSC arrays are indexed by 32-bit integers (SciPy's default index type).</summary>
    private const double MaxNonZeros = int.MaxValue / 2;

    private static void Emit(TextWriter w, string dir, string name, CzModel model, float[] input)
    {
        var cz = Path.Combine(dir, $"{name}.cz");
        var npy = Path.Combine(dir, $"{name}.input.npy");
        CzWriter.Write(model, cz);
        NpyWriter.WriteFile(npy, NpyArray.FromFloat32(input));
        w.WriteLine($"wrote {cz} ({model.Layers.Sum(l => l.NonZeros)} non-zeros) and {npy} ({input.Count(x => x != 0)}/{input.Length} non-zero)");
    }
}
