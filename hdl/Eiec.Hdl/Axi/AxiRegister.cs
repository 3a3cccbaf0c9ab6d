namespace Eiec.Hdl.Axi;

/// <summary>One 32-bit AXI4-Lite register of eie_axi_top: byte offset, access ("RW", "RO", "W", "W1C").</summary>
public sealed record AxiRegister(string Name, int Offset, string Access, string Description);
