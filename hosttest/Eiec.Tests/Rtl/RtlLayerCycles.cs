namespace Eiec.Tests.Rtl;

/// <summary>Cycles the RTL spent in one layer (trace line EIEC_LAYER): SCAN and WB.</summary>
public sealed record RtlLayerCycles(long Scan, long WriteBack)
{
    public long Total => Scan + WriteBack;
}
