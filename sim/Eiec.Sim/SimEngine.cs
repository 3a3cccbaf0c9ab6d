namespace Eiec.Sim;

/// <summary>
/// How the simulator evaluates SCAN. Both engines implement docs/microarchitecture.md and give
/// identical cycles, outputs and statistics (EngineEquivalenceTests); they differ only in speed and in
/// how directly the code reads against the document.
/// </summary>
public enum SimEngine
{
    /// <summary>
    /// Event times per broadcast pair (max-plus recurrences, <see cref="EventEngine.EventTimeArray"/>):
    /// the default, and the fast one.
    /// </summary>
    Event = 0,
    /// <summary>
    /// One class per RTL unit ticked every cycle (<see cref="EieArray"/>): slow, and written to be
    /// obviously right against the document.
    /// </summary>
    Reference = 1,
}
