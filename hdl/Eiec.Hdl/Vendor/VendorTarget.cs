namespace Eiec.Hdl.Vendor;

/// <summary>A tool flow `eiec build --target` can write scripts for, besides the RTL itself.</summary>
public enum VendorTarget
{
    /// <summary>AMD/Xilinx Vivado: non-project TCL flow, XDC, IP-packaging script (and the FuseSoC core).</summary>
    Vivado,
    /// <summary>Intel Quartus Prime: TCL flow and SDC (and the FuseSoC core).</summary>
    Quartus,
    /// <summary>Only the FuseSoC CAPI2 core file listing the sources.</summary>
    FuseSoc,
}
