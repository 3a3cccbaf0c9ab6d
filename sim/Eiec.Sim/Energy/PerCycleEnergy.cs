namespace Eiec.Sim.Energy;

/// <summary>
/// The energy a unit spends every counted cycle whether or not it acts (Table II's component rows):
/// clock network, registers, and leakage (static power and any other every-cycle power).
/// </summary>
public sealed record PerCycleEnergy(EnergyEntry Clock, EnergyEntry Register, EnergyEntry Leakage)
{
    /// <summary>The keys under a unit's <c>per_cycle:</c>, in report order.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["clock", "register", "leakage"];

    public double Pj => Clock.Pj + Register.Pj + Leakage.Pj;

    public EnergyEntry this[string kind] => kind switch
    {
        "clock" => Clock,
        "register" => Register,
        "leakage" => Leakage,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a per-cycle kind"),
    };
}
