namespace Eiec.Sim.Energy;

/// <summary>
/// The actions the simulator counts (docs/microarchitecture.md, "Energy actions counted"). Energy is
/// Σ count × energy per action from an <see cref="EnergyTable"/>; the simulator holds no energy figures.
/// </summary>
public enum EnergyAction
{
    /// <summary>One sparse-matrix SRAM word read.</summary>
    SpmatWordRead,
    /// <summary>One pointer read: both banks, one per popped pair.</summary>
    PointerRead,
    /// <summary>One codebook lookup, per issued entry.</summary>
    CodebookRead,
    /// <summary>One 16×16 multiply and accumulate, per issued entry (padding included).</summary>
    Mac,
    /// <summary>One accumulator read: per issued entry and per write-back row.</summary>
    AccRead,
    /// <summary>One accumulator write: per issued entry and per write-back row (the clear).</summary>
    AccWrite,
    /// <summary>One activation-buffer read: per PE per group fetched in SCAN.</summary>
    ActRead,
    /// <summary>One activation-buffer write: per PE per write-back row and per loaded input.</summary>
    ActWrite,
    /// <summary>One bias-memory read: per PE per write-back row.</summary>
    BiasRead,
    /// <summary>One queue push: N per broadcast.</summary>
    QueuePush,
    /// <summary>One queue pop.</summary>
    QueuePop,
    /// <summary>One control-unit cycle with a non-empty mask or a group load (LNZD tree active).</summary>
    LnzdCycle,
    /// <summary>One PE SCAN cycle without an issued entry.</summary>
    PeIdleCycle,
}
