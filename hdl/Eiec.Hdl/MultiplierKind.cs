namespace Eiec.Hdl;

/// <summary>
/// How the arithmetic unit's multiply is written (docs/rtl.md, "DSP multiply"); both take the same cycles and give
/// the same product, they differ only in what synthesis makes of them.
/// </summary>
public enum MultiplierKind
{
    /// <summary>
    /// Four 16 x 4 partial products in E2 and their sum in E3: for devices without DSP blocks (iCE40 HX), where a
    /// 16 x 16 multiply in logic that starts from the codebook RAM's late output does not fit one cycle.
    /// </summary>
    Logic,

    /// <summary>
    /// One w * a between registers (E2 registers the operands, e4_prod takes the product): one DSP block per PE,
    /// with its input and output registers (iCE40 UP5K SB_MAC16, Xilinx DSP48, Intel DSP blocks).
    /// </summary>
    Dsp,
}
