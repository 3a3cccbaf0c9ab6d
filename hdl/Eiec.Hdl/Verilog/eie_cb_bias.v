`include "eie_config.vh"
// Codebook copy and bias memory of one PE in one RAM (issue 10: one block RAM less per PE, which is
// what lets 4 PEs fit the 32 block RAMs of an iCE40 HX8K). The two are never read in the same cycle:
// the codebook is read in SCAN (E1: address from the sparse-matrix word, value used in E2), the bias in
// WB (Q1, value used in Q2); and both are written only by the load bus while the array is idle. So one
// synchronous read port serves both, its output register holding the last read as each needs:
//   bias value b at address b (0 .. EIE_BIAS_DEPTH - 1), from MEM_PREFIX's bias file;
//   codebook value layer * EIE_CODEBOOK_SIZE + v at EIE_CBB_CB_BASE + that, from the shared codebook file.
// EIE_CBB_CB_BASE is a multiple of 2^EIE_CODEBOOK_ADDR_BITS, so a codebook address is a constant
// concatenated with the codebook's own address: no adder after the sparse-matrix word's slot select.
// Unless EIE_NO_MEM_INIT is defined, the contents start as the build's two $readmemh files.
module eie_cb_bias #(
    parameter CB_FILE   = "codebook.hex",
    parameter BIAS_FILE = "bias.hex"
) (
    input  wire                               clk,
    input  wire                               cb_re,
    input  wire [`EIE_CODEBOOK_ADDR_BITS-1:0] cb_raddr,
    input  wire                               bias_re,
    input  wire [`EIE_BIAS_ADDR_BITS-1:0]     bias_raddr,
    output reg  [`EIE_CBB_BITS-1:0]           rdata,
    input  wire                               cb_we,
    input  wire [`EIE_CODEBOOK_ADDR_BITS-1:0] cb_waddr,
    input  wire [`EIE_CBB_BITS-1:0]           cb_wdata,
    input  wire                               bias_we,
    input  wire [`EIE_BIAS_ADDR_BITS-1:0]     bias_waddr,
    input  wire [`EIE_CBB_BITS-1:0]           bias_wdata
);
    localparam W    = `EIE_CBB_BITS;
    localparam AW   = `EIE_CBB_ADDR_BITS;
    localparam CAW  = `EIE_CODEBOOK_ADDR_BITS;
    localparam BAW  = `EIE_BIAS_ADDR_BITS;
    localparam integer CB_BASE = `EIE_CBB_CB_BASE;
    localparam integer REGION  = CB_BASE >> CAW;
    localparam [AW-CAW-1:0] CB_REGION = REGION[AW-CAW-1:0];

    wire [AW-1:0] cb_a_r   = {CB_REGION, cb_raddr};
    wire [AW-1:0] cb_a_w   = {CB_REGION, cb_waddr};
    wire [AW-1:0] bias_a_r = {{(AW - BAW){1'b0}}, bias_raddr};
    wire [AW-1:0] bias_a_w = {{(AW - BAW){1'b0}}, bias_waddr};

    // Never read and written in one cycle (writes only while idle), so no read-first emulation is
    // needed (no_rw_check; see eie_sram_1r1w).
    (* ram_style = "block", no_rw_check *)
    reg [W-1:0] mem [0:`EIE_CBB_DEPTH-1];

`ifndef EIE_NO_MEM_INIT
    initial begin
        $readmemh(BIAS_FILE, mem, 0, `EIE_BIAS_DEPTH - 1);
        $readmemh(CB_FILE, mem, CB_BASE, CB_BASE + `EIE_CODEBOOK_DEPTH - 1);
    end
`endif

    always @(posedge clk) begin
        if (cb_we || bias_we) mem[bias_we ? bias_a_w : cb_a_w] <= bias_we ? bias_wdata : cb_wdata;
        if (cb_re || bias_re) rdata <= mem[bias_re ? bias_a_r : cb_a_r];
    end
endmodule
