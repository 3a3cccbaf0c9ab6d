using System.Globalization;
using Eiec.Contract.Diagnostics;

namespace Eiec.Cli.Commands;

/// <summary>
/// Up-front checks of numeric options: each failure is one <see cref="EiecException"/> naming the
/// option and its value, raised before any data is loaded or any work is done.
/// </summary>
public static class OptionChecks
{
    public static int AtLeast(string option, int value, int min)
    {
        if (value < min) throw new EiecException($"{option} {I(value)}: must be at least {I(min)}");
        return value;
    }

    public static int InRange(string option, int value, int min, int max, string? why = null)
    {
        if (value < min || value > max)
            throw new EiecException($"{option} {I(value)}: must be in [{I(min)}, {I(max)}]" +
                (why is null ? "" : $" ({why})"));
        return value;
    }

    /// <summary>Positive and finite (learning rates, clocks).</summary>
    public static double Positive(string option, double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new EiecException($"{option} {I(value)}: must be a positive finite number");
        return value;
    }

    /// <summary>A fraction kept: in (0, 1].</summary>
    public static double Fraction(string option, double value)
    {
        if (!(value > 0 && value <= 1)) throw new EiecException($"{option} {I(value)}: must be in (0, 1]");
        return value;
    }

    private static string I(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
