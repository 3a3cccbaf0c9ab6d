namespace Eiec.Hdl.Axi;

/// <summary>A named value of the register map: a bit position in a register, or an error code.</summary>
public sealed record AxiConstant(string Name, int Value, string Description);
