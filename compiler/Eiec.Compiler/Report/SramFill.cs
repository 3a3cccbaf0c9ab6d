namespace Eiec.Compiler.Report;

/// <summary>How full one per-PE memory is after all layers are placed.</summary>
public sealed record SramFill(string Memory, long Used, long Capacity, string Unit)
{
    public double Fraction => Capacity == 0 ? 0 : (double)Used / Capacity;
}
