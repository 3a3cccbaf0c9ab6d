`include "eie_config.vh"
// Activation read/write unit of one PE: the act0/act1 buffers (one RAM), the bias read, write-back and
// the write-back side of the accumulator file (docs/microarchitecture.md, Storage and WB).
//   Four regions of one RAM (docs/microarchitecture.md, Storage): act0, act1 (layer l >= 1 reads
//   act[l mod 2], every layer writes act[(l + 1) mod 2]) and the input slots in0, in1 (LOAD writes
//   the next vector into one while layer 0 of the current vector reads the other).
//   Reads: one port; act_rsel picks the region (0 act0, 1 act1, 2 in0, 3 in1). The read output of
//   the region last read is act_rdata (held in cycles without a read): the control unit's nxt_val
//   in SCAN, the output stream's data in OUT.
//   LOAD writes in[slot] (ld_*, ld_addr = {slot, row}) only in cycles where write-back does not
//   write (eie_top guarantees it). INIT clears the accumulator at clr_addr (clr_we).
//   WB cycle w (wb_rd, wb_row = w): read acc[w]. The requantizer (docs/fixed-point.md: round half up
//   by F bits, ReLU, saturate to EIE_ACT_BITS) is a pipeline, one register after each step, so no
//   carry chain or wide compare shares a cycle with another. It uses
//     floor((acc + bias * 2^F + 2^(F-1)) / 2^F) = floor((s + 2 * bias + 1) / 2),  s = acc >>> (F - 1)
//   (s = 2 * acc for F = 0): the bias needs no shift, and the wide datapath is the accumulator's.
//     Q1 (w+1): acc[w] <- 0; s from the accumulator RAM output (one barrel shift); read bias[bias_base + w]
//               (the bias memory is eie_cb_bias, shared with the codebook copy; its output is bias_q in Q2)
//     Q2 (w+2): t = s + 2 * bias + 1                                  (the one wide add)
//     Q3 (w+3): r = t >>> 1; sign-bit check: r fits EIE_ACT_BITS iff its bits above the low
//               EIE_ACT_BITS - 1 are all equal; keep the low bits, the sign, "fits", relu && r < 0
//     Q4 (w+4): b = relu && negative ? 0 : fits ? low bits : negative ? MIN : MAX;
//               act[(layer + 1) mod 2][w] <- b
//   EIE_WB_LATENCY (4) is the read-to-write distance; WB takes R + EIE_WB_LATENCY cycles.
// PE_INDEX and the upper bits of layer are used only by the simulation trace (EIEC_TRACE).
/* verilator lint_off UNUSEDPARAM */
/* verilator lint_off UNUSEDSIGNAL */
module eie_act_rw #(
    parameter PE_INDEX   = 0
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
    input  wire [1:0]                   act_rsel,
    output wire [`EIE_ACT_BITS-1:0]       act_rdata,
    input  wire                         ld_we,
    input  wire [`EIE_ACT_ADDR_BITS:0]   ld_addr,
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
    // read port of the bias memory (eie_cb_bias): address in Q1, value in Q2
    output wire                         bias_re,
    output wire [`EIE_BIAS_ADDR_BITS-1:0] bias_raddr,
    input  wire [`EIE_ACT_BITS-1:0]       bias_q,
    // the row written this cycle (Q4) was clamped to MAX or MIN (not a ReLU zero): SAT_COUNT, docs/axi.md
    output wire                         wb_sat
);
    localparam AW  = `EIE_ACT_ADDR_BITS;
    localparam BAW = `EIE_BIAS_ADDR_BITS;
    localparam ACC = `EIE_ACC_BITS;
    localparam AB  = `EIE_ACT_BITS;
    localparam FW  = `EIE_LT_FIELD_BITS;
    localparam [AB-1:0] ACT_MAX = {1'b0, {(AB - 1){1'b1}}};
    localparam [AB-1:0] ACT_MIN = {1'b1, {(AB - 1){1'b0}}};

    // ---- write-back pipeline: qN_* hold row w's values during cycle w + N (stage QN) ----
    reg          q1_v, q2_v, q3_v, q4_v;
    reg [AW-1:0] q1_w, q2_w, q3_w, q4_w;

    // Bias address at the layer table's field width, truncated to the bias memory's
    // address width; the compiler guarantees every bias address is inside the memory.
    /* verilator lint_off UNUSEDSIGNAL */
    wire [FW-1:0] bias_addr = bias_base + {{(FW - AW){1'b0}}, q1_w};
    /* verilator lint_on UNUSEDSIGNAL */
    assign bias_re    = q1_v;
    assign bias_raddr = bias_addr[BAW-1:0];

    // Q1: s = F == 0 ? acc << 1 : acc >>> (F - 1), ACC + 1 bits, which is (2 * acc) >>> F for every F (the
    // zero below acc's bits is shifted out when F >= 1): F, a field of the layer-table register, drives
    // the shifter's selects directly, with no F - 1 and no F == 0 case before them (issue 10: they put F
    // on the HX8K's critical path, and cost 35 LUTs per PE).
    wire signed [ACC:0] s1 = $signed({acc_rdata, 1'b0}) >>> wfrac;
    reg signed [ACC:0]   q2_s;
    // Q2: t = s + 2 * bias + 1, ACC + 2 bits.
    wire signed [ACC+1:0] bias_r = $signed({{(ACC + 1 - AB){bias_q[AB-1]}}, bias_q, 1'b1});
    reg signed [ACC+1:0] q3_t;
    // Q3: r = t >>> 1 = t[ACC+1:1]; r fits AB bits iff r[ACC : AB-1] = t[ACC+1 : AB] is all zeros or all ones.
    wire [ACC-AB+1:0] q3_hi = q3_t[ACC+1:AB];
    reg [AB-1:0] q4_lo;
    reg          q4_neg;
    reg          q4_fits;
    reg          q4_relu_zero;
    // Q4: ReLU and saturation select.
    wire [AB-1:0] b = q4_relu_zero ? {AB{1'b0}} : q4_fits ? q4_lo : q4_neg ? ACT_MIN : ACT_MAX;
    wire          wb_v = q4_v;    // the row written this cycle (Q4)
    wire [AW-1:0] wb_w = q4_w;
    assign wb_sat = q4_v && !q4_fits && !q4_relu_zero;

    always @(posedge clk) begin
        if (!rst_n) begin
            q1_v <= 1'b0;
            q2_v <= 1'b0;
            q3_v <= 1'b0;
            q4_v <= 1'b0;
        end else begin
            q1_v <= wb_rd;
            q2_v <= q1_v;
            q3_v <= q2_v;
            q4_v <= q3_v;
        end
    end

    always @(posedge clk) begin
        if (wb_rd) q1_w <= wb_row;
        if (q1_v) begin
            q2_w <= q1_w;
            q2_s <= s1;
        end
        if (q2_v) begin
            q3_w <= q2_w;
            q3_t <= {q2_s[ACC], q2_s} + bias_r;
        end
        if (q3_v) begin
            q4_w         <= q3_w;
            q4_lo        <= q3_t[AB:1];
            q4_neg       <= q3_t[ACC+1];
            q4_fits      <= (&q3_hi) || !(|q3_hi);
            q4_relu_zero <= relu && q3_t[ACC+1];
        end
    end

    assign acc_re    = wb_rd;
    assign acc_raddr = wb_row;
    assign acc_we    = q1_v || clr_we;
    assign acc_waddr = q1_v ? q1_w : clr_addr;

    // ---- act0 / act1 / in0 / in1: one RAM, the region as the top two address bits ----
    // No cycle needs two reads or two writes (SCAN and OUT read; WB writes, and LOAD writes only in
    // cycles without a WB write), so the four regions share one simple dual-port RAM: one block RAM
    // on an FPGA while 4 x activation depth fits (an iCE40 EBR holds 256 x 16). LOAD writes an input
    // slot while SCAN reads another region: never the same address. Its read output holds the last
    // read, so act_rdata is the last-read region's output.
    wire dst1 = ~layer[0];

    eie_sram_1r1w #(
        .WIDTH(AB), .DEPTH(`EIE_ACT_RAM_DEPTH), .ADDR_BITS(AW + 2)
    ) u_act (
        .clk(clk),
        .we(ld_we || wb_v), .waddr(wb_v ? {1'b0, dst1, wb_w} : {1'b1, ld_addr}), .wdata(wb_v ? b : ld_data),
        .re(act_re), .raddr({act_rsel, act_raddr}), .rdata(act_rdata)
    );

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
