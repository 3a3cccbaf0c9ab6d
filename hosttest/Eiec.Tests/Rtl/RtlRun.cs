namespace Eiec.Tests.Rtl;

/// <summary>What one vvp run of the testbench produced, parsed from its output.</summary>
public sealed class RtlRun
{
    /// <summary>The image directory the run read its memories from.</summary>
    public required string ImageDir { get; init; }
    /// <summary>The output stream of each run (start pulse), in order.</summary>
    public required short[][] Outputs { get; init; }
    /// <summary>The `cycles` output (SCAN + WB cycles) at the end of each run.</summary>
    public required long[] Cycles { get; init; }
    /// <summary>Written-back values from the trace, [run][layer][global output index]; null = never written.</summary>
    public required short?[][][] LayerOutputs { get; init; }
    /// <summary>Per-layer SCAN/WB cycles from the trace, [run][layer].</summary>
    public required RtlLayerCycles[][] LayerCycles { get; init; }
    /// <summary>The PE each global output index lives on is index mod Pes; its local row index / Pes.</summary>
    public required int Pes { get; init; }
    public required TimeSpan Elapsed { get; init; }
}
