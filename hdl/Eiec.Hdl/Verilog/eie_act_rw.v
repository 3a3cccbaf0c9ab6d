`include "eie_config.vh"
// Activation read/write unit of one PE: the act0/act1 buffers, the bias memory, write-back and
// the write-back side of the accumulator file (docs/microarchitecture.md, Storage and WB).
//   Reads: one port per buffer; act_rsel picks act1 over act0. The read output of the buffer
//   last read is act_rdata (held in cycles without a read): the control unit's nxt_val in SCAN,
//   the output stream's data in OUT.
//   LOAD writes act0 (ld_*). INIT clears the accumulator at clr_addr (clr_we).
//   WB cycle w (wb_rd, wb_row = w): read acc[w] and bias[bias_base + w]. Cycle w+1: write
//   act[(layer + 1) mod 2][w] <- requantize(acc + (bias << F)) and acc[w] <- 0, where
//   requantize rounds half up by F bits, applies ReLU, saturates to EIE_ACT_BITS (docs/fixed-point.md).
// PE_INDEX and the upper bits of layer are used only by the simulation trace (EIEC_TRACE).
/* verilator lint_off UNUSEDPARAM */
/* verilator lint_off UNUSEDSIGNAL */
module eie_act_rw #(
    parameter PE_INDEX   = 0,
    parameter MEM_PREFIX = "mem/pe000_"
) (
    input  wire                         clk,
    input  wire                         rst_n,
    input  wire [`EIE_LAYER_BITS-1:0]    layer,
/* verilator lint_on UNUSEDSIGNAL */
/* verilator lint_on UNUSEDPARAM */
    input  wire [`EIE_LT_FIELD_BITS-1:0]   bias_base,
    input  wire [`EIE_WFRAC_BITS-1:0]    wfrac,
    input  wire                         relu,
    input  wire                         act_re,
    input  wire [`EIE_ACT_ADDR_BITS-1:0] act_raddr,
    input  wire                         act_rsel,
    output wire [`EIE_ACT_BITS-1:0]       act_rdata,
    input  wire                         ld_we,
    input  wire [`EIE_ACT_ADDR_BITS-1:0] ld_addr,
    input  wire [`EIE_ACT_BITS-1:0]       ld_data,
    input  wire                         wb_rd,
    input  wire [`EIE_ACT_ADDR_BITS-1:0] wb_row,
    input  wire                         clr_we,
    input  wire [`EIE_ACT_ADDR_BITS-1:0] clr_addr,
    output wire                         acc_re,
    output wire [`EIE_ACT_ADDR_BITS-1:0] acc_raddr,
    input  wire [`EIE_ACC_BITS-1:0]      acc_rdata,
    output wire                         acc_we,
    output wire [`EIE_ACT_ADDR_BITS-1:0] acc_waddr,
    // host write port of the bias memory (load bus, docs/axi.md); only while the array is idle
    input  wire                         bias_we,
    input  wire [`EIE_BIAS_ADDR_BITS-1:0] bias_waddr,
    input  wire [`EIE_ACT_BITS-1:0]       bias_wdata
);
    localparam AW  = `EIE_ACT_ADDR_BITS;
    localparam BAW = `EIE_BIAS_ADDR_BITS;
    localparam ACC = `EIE_ACC_BITS;
    localparam TW  = `EIE_WB_BITS;
    localparam AB  = `EIE_ACT_BITS;
    localparam FW  = `EIE_LT_FIELD_BITS;
    localparam XW  = `EIE_WFRAC_BITS;
    localparam signed [TW-1:0] ACT_MAX = (1 <<< (AB - 1)) - 1;
    localparam signed [TW-1:0] ACT_MIN = -(1 <<< (AB - 1));
    localparam signed [TW-1:0] T_ONE = 1;
    localparam [XW-1:0] X_ONE = 1;

    // ---- write-back pipeline ----
    reg          wb_v;      // WB cycle w+1: row wb_w is written
    reg [AW-1:0] wb_w;

    // Bias address at the layer table's field width, truncated to the bias memory's
    // address width; the compiler guarantees every bias address is inside the memory.
    /* verilator lint_off UNUSEDSIGNAL */
    wire [FW-1:0] bias_addr = bias_base + {{(FW - AW){1'b0}}, wb_row};
    /* verilator lint_on UNUSEDSIGNAL */
    wire [AB-1:0] bias_q;

    eie_rom_sync #(
        .WIDTH(AB), .DEPTH(`EIE_BIAS_DEPTH), .ADDR_BITS(BAW),
        .INIT_FILE({MEM_PREFIX, `EIE_FILE_BIAS})
    ) u_bias (
        .clk(clk), .re(wb_rd), .addr(bias_addr[BAW-1:0]), .rdata(bias_q),
        .we(bias_we), .waddr(bias_waddr), .wdata(bias_wdata)
    );

    // t = acc + (bias << F); r = F == 0 ? t : (t + 2^(F-1)) >>> F; y = relu ? max(r, 0) : r;
    // b = clamp(y, ACT_MIN, ACT_MAX). TW holds bias << max F plus the accumulator plus the rounding.
    wire signed [TW-1:0] acc_t  = $signed({{(TW - ACC){acc_rdata[ACC-1]}}, acc_rdata});
    wire signed [TW-1:0] bias_t = $signed({{(TW - AB){bias_q[AB-1]}}, bias_q});
    wire signed [TW-1:0] t      = acc_t + (bias_t <<< wfrac);
    wire signed [TW-1:0] half   = (wfrac == {XW{1'b0}}) ? {TW{1'b0}} : (T_ONE <<< (wfrac - X_ONE));
    wire signed [TW-1:0] r      = (t + half) >>> wfrac;
    wire signed [TW-1:0] y      = (relu && r[TW-1]) ? {TW{1'b0}} : r;
    /* verilator lint_off UNUSEDSIGNAL */
    wire signed [TW-1:0] y_sat  = (y > ACT_MAX) ? ACT_MAX : (y < ACT_MIN) ? ACT_MIN : y;
    /* verilator lint_on UNUSEDSIGNAL */
    wire [AB-1:0] b = y_sat[AB-1:0];

    always @(posedge clk) begin
        if (!rst_n) begin
            wb_v <= 1'b0;
        end else begin
            wb_v <= wb_rd;
        end
    end

    always @(posedge clk) begin
        if (wb_rd) wb_w <= wb_row;
    end

    assign acc_re    = wb_rd;
    assign acc_raddr = wb_row;
    assign acc_we    = wb_v || clr_we;
    assign acc_waddr = wb_v ? wb_w : clr_addr;

    // ---- act0 / act1 ----
    // Layer l reads act[l mod 2] and writes act[(l + 1) mod 2].
    wire dst1 = ~layer[0];
    wire [AB-1:0] act0_q;
    wire [AB-1:0] act1_q;
    reg         rsel_q;

    eie_sram_1r1w #(
        .WIDTH(AB), .DEPTH(`EIE_ACT_DEPTH), .ADDR_BITS(AW)
    ) u_act0 (
        .clk(clk),
        .we(ld_we || (wb_v && !dst1)), .waddr(ld_we ? ld_addr : wb_w), .wdata(ld_we ? ld_data : b),
        .re(act_re && !act_rsel), .raddr(act_raddr), .rdata(act0_q)
    );

    eie_sram_1r1w #(
        .WIDTH(AB), .DEPTH(`EIE_ACT_DEPTH), .ADDR_BITS(AW)
    ) u_act1 (
        .clk(clk),
        .we(wb_v && dst1), .waddr(wb_w), .wdata(b),
        .re(act_re && act_rsel), .raddr(act_raddr), .rdata(act1_q)
    );

    always @(posedge clk) begin
        if (act_re) rsel_q <= act_rsel;
    end
    assign act_rdata = rsel_q ? act1_q : act0_q;

`ifdef EIEC_TRACE
    // Simulation only: one line per written-back row, for the harness to compare every layer.
    always @(posedge clk) begin
        if (rst_n && wb_v) begin
            if (^b === 1'bx)
                $fatal(1, "EIEC_ERROR unknown write-back value: layer %0d PE %0d row %0d", layer, PE_INDEX, wb_w);
            $display("EIEC_WB %0d %0d %0d %0d", layer, PE_INDEX, wb_w, $signed(b));
        end
    end
`endif
endmodule
