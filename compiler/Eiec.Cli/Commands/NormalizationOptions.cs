using System.CommandLine;
using Eiec.Contract.Cz;
using Eiec.Contract.Diagnostics;

namespace Eiec.Cli.Commands;

/// <summary>
/// --input-mean / --input-std of `train` and `compress`: the normalization x' = (x − mean) / std of raw
/// data (IDX pixels / 255) that the model is trained with; stored in the .npz and the .cz, applied by
/// eval, run and sim.
/// </summary>
public sealed class NormalizationOptions
{
    private readonly Option<double?> _mean = new("--input-mean")
    {
        Description = "Normalize raw inputs as (x - mean) / "
        + "std (x = pixels / 255); stored in the model"
    };
    private readonly Option<double?> _std = new("--input-std") { Description = "See --input-mean (default 1)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_mean);
        command.Options.Add(_std);
    }

    /// <summary>The normalization given, or null when neither option is.</summary>
    public CzInputNormalization? Resolve(ParseResult parse)
    {
        double? mean = parse.GetValue(_mean), std = parse.GetValue(_std);
        if (mean is null && std is null) return null;
        var n = new CzInputNormalization(mean ?? 0, std ?? 1);
        if (n.Problem() is { } problem) throw new EiecException($"--input-mean/--input-std: {problem}");
        return n;
    }
}
