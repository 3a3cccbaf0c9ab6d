namespace Eiec.Sim.Energy;

/// <summary>Names (as in energy tables and reports) and default hardware units of the counted actions.</summary>
public static class EnergyActions
{
    public static readonly IReadOnlyList<EnergyAction> All = Enum.GetValues<EnergyAction>();

    private static readonly string[] Names =
    [
        "spmat_word_read", "pointer_read", "codebook_read", "mac", "acc_read", "acc_write",
        "act_read", "act_write", "bias_read", "queue_push", "queue_pop", "lnzd_cycle", "pe_idle_cycle",
    ];

    private static readonly string[] Units =
    [
        "SpmatRead", "PtrRead", "Arith", "Arith", "ActRw", "ActRw",
        "ActRw", "ActRw", "ActRw", "ActQueue", "ActQueue", "Ccu", "Pe",
    ];

    /// <summary>The hardware units an energy table may attribute actions to (the RTL module names).</summary>
    public static readonly IReadOnlyList<string> KnownUnits =
        ["Ccu", "ActQueue", "PtrRead", "SpmatRead", "Arith", "ActRw", "Pe"];

    /// <summary>
    /// Whether a unit's per-cycle energy is paid by every PE (N times per cycle) or once by the array:
    /// the control unit (LNZD tree, broadcast) exists once, the rest in each PE.
    /// </summary>
    public static bool IsPerPe(string unit) => unit != "Ccu";

    public static string Name(this EnergyAction action) => Names[(int)action];

    /// <summary>The unit that performs the action (used when a table entry names none).</summary>
    public static string DefaultUnit(this EnergyAction action) => Units[(int)action];

    public static bool TryParse(string name, out EnergyAction action)
    {
        int i = Array.IndexOf(Names, name);
        action = (EnergyAction)Math.Max(i, 0);
        return i >= 0;
    }
}
