`include "eie_config.vh"
// Arithmetic unit: a fixed four-stage pipeline that never stalls
// (docs/microarchitecture.md, SCAN: processing element, step 4). An entry issued in cycle t is
//   E1 (t+1): taken from its slot of the sparse-matrix SRAM output word; v = code, z = zero run;
//             row = first ? z : row_prev + z + 1; codebook lookup w = cb[layer, v].
//   E2 (t+2): partial products w * a[7:0] (a's low byte, unsigned) and w * a[15:8] (signed).
//   E3 (t+3): product = (w * a[15:8]) * 256 + w * a[7:0] = w * a; accumulator read of row issued.
//   E4 (t+4): sum = acc[row] + product; write acc[row] <- sum at the end of the cycle.
// The multiply is split over E2 and E3 because a 16 x 16 multiplier in logic (an iCE40 HX has no
// DSP) was the critical path once write-back was pipelined (issue 10); each half is 16 x 8.
// Bypass: the accumulator read in E3 returns the value stored before the write of the same
// cycle (read-first RAM), so when E4 hits the row that E4 wrote in the previous cycle, it takes
// that previous sum (registered here as byp_sum) instead of the stale RAM output. Rows written two
// or more cycles earlier are already in the RAM. This is the one bypass the document's
// "E4's own previous result / the write of the cycle before" needs: both name the same value.
// Whether E4 hits is decided a cycle early, comparing E3's row with E4's (byp_hit), so that E4 holds
// only a select and the add: the row compare no longer precedes the accumulator's carry chain.
module eie_arith #(
    parameter MEM_DIR = "mem/"
) (
    input  wire                           clk,
    input  wire                           rst_n,
    input  wire [`EIE_LAYER_BITS-1:0]      layer,
    input  wire                           issue,
    input  wire [`EIE_SLOT_BITS-1:0]       issue_slot,
    input  wire [`EIE_ACT_BITS-1:0]          issue_a,
    input  wire                           issue_first,
    input  wire [`EIE_WORD_BITS-1:0]       word,
    output wire                           acc_re,
    output wire [`EIE_ACT_ADDR_BITS-1:0]   acc_raddr,
    input  wire [`EIE_ACC_BITS-1:0]        acc_rdata,
    output wire                           acc_we,
    output wire [`EIE_ACT_ADDR_BITS-1:0]   acc_waddr,
    output wire [`EIE_ACC_BITS-1:0]        acc_wdata,
    output wire                           busy,
    // host write port of this PE's codebook copy (load bus, docs/axi.md); only while idle
    input  wire                           cb_we,
    input  wire [`EIE_CODEBOOK_ADDR_BITS-1:0] cb_waddr,
    input  wire [`EIE_WEIGHT_BITS-1:0]     cb_wdata
);
    localparam EB  = `EIE_ENTRY_BITS;
    localparam CB  = `EIE_CODE_BITS;
    localparam IB  = `EIE_INDEX_BITS;
    localparam AW  = `EIE_ACT_ADDR_BITS;
    localparam ACC = `EIE_ACC_BITS;
    localparam LW  = `EIE_LAYER_BITS;
    localparam AB  = `EIE_ACT_BITS;
    localparam WB  = `EIE_WEIGHT_BITS;
    localparam PW  = `EIE_PRODUCT_BITS;
    localparam FW  = `EIE_LT_FIELD_BITS;
    localparam [FW-1:0] F_ONE = 1;

    // ---- E1 ----
    reg                        e1_v;
    reg [`EIE_SLOT_BITS-1:0]    e1_slot;
    reg signed [AB-1:0]        e1_a;
    reg                        e1_first;
    reg [AW-1:0]               row_prev;

    wire [EB-1:0] entry = word[e1_slot*EB +: EB];
    wire [CB-1:0] v     = entry[CB-1:0];
    wire [IB-1:0] z     = entry[EB-1:CB];

    // Row arithmetic at the layer table's field width, truncated to the accumulator address width; the compiler
    // guarantees every row is below rows_per_pe.
    /* verilator lint_off UNUSEDSIGNAL */
    wire [FW-1:0] z_f   = {{(FW - IB){1'b0}}, z};
    wire [FW-1:0] row_f = e1_first ? z_f : {{(FW - AW){1'b0}}, row_prev} + z_f + F_ONE;
    /* verilator lint_on UNUSEDSIGNAL */
    wire [AW-1:0] row = row_f[AW-1:0];

    // Codebook address layer * 2^CB + v, formed at the field width and truncated to the ROM's address
    // width (layer < max_layers, so the address is below the ROM depth).
    /* verilator lint_off UNUSEDSIGNAL */
    wire [FW-1:0] cb_addr = {{(FW - LW - CB){1'b0}}, layer, v};
    /* verilator lint_on UNUSEDSIGNAL */
    wire signed [WB-1:0] w;
    eie_rom_comb #(
        .WIDTH(WB), .DEPTH(`EIE_CODEBOOK_DEPTH), .ADDR_BITS(`EIE_CODEBOOK_ADDR_BITS),
        .INIT_FILE({MEM_DIR, `EIE_FILE_CODEBOOK})
    ) u_codebook (
        .clk(clk), .addr(cb_addr[`EIE_CODEBOOK_ADDR_BITS-1:0]), .rdata(w),
        .we(cb_we), .waddr(cb_waddr), .wdata(cb_wdata)
    );

    // ---- E2: partial products ----
    localparam HB = AB / 2;        // bits of a's low part
    reg                 e2_v;
    reg [AW-1:0]        e2_row;
    reg signed [WB-1:0] e2_w;
    reg signed [AB-1:0] e2_a;
    wire signed [WB+HB:0]    part_lo = e2_w * $signed({1'b0, e2_a[HB-1:0]});
    wire signed [WB+AB-HB-1:0] part_hi = e2_w * $signed(e2_a[AB-1:HB]);

    // ---- E3: product, accumulator read ----
    reg                        e3_v;
    reg [AW-1:0]               e3_row;
    reg signed [WB+HB:0]       e3_lo;
    reg signed [WB+AB-HB-1:0]  e3_hi;
    wire signed [PW-1:0] product = ($signed({{(PW - WB - AB + HB){e3_hi[WB+AB-HB-1]}}, e3_hi}) <<< HB)
                                 + $signed({{(PW - WB - HB - 1){e3_lo[WB+HB]}}, e3_lo});

    assign acc_re    = e3_v;
    assign acc_raddr = e3_row;

    // ---- E4: accumulate ----
    reg                 e4_v;
    reg [AW-1:0]        e4_row;
    reg signed [PW-1:0] e4_prod;
    reg                 byp_hit;   // E4 writes the row the previous cycle's E4 wrote
    reg [ACC-1:0]       byp_sum;

    wire [ACC-1:0] acc_old  = byp_hit ? byp_sum : acc_rdata;
    wire [ACC-1:0] prod_ext = {{(ACC - PW + 1){e4_prod[PW-1]}}, e4_prod[PW-2:0]};
    wire [ACC-1:0] sum      = acc_old + prod_ext;

    assign acc_we    = e4_v;
    assign acc_waddr = e4_row;
    assign acc_wdata = sum;
    assign busy      = e1_v || e2_v || e3_v || e4_v;

    always @(posedge clk) begin
        if (!rst_n) begin
            e1_v  <= 1'b0;
            e2_v  <= 1'b0;
            e3_v    <= 1'b0;
            e4_v    <= 1'b0;
            byp_hit <= 1'b0;
        end else begin
            e1_v    <= issue;
            e2_v    <= e1_v;
            e3_v    <= e2_v;
            e4_v    <= e3_v;
            byp_hit <= e3_v && e4_v && (e3_row == e4_row);
        end
    end

    always @(posedge clk) begin
        if (issue) begin
            e1_slot  <= issue_slot;
            e1_a     <= issue_a;
            e1_first <= issue_first;
        end
        if (e1_v) begin
            row_prev <= row;
            e2_row   <= row;
            e2_w     <= w;
            e2_a     <= e1_a;
        end
        if (e2_v) begin
            e3_row   <= e2_row;
            e3_lo    <= part_lo;
            e3_hi    <= part_hi;
        end
        if (e3_v) begin
            e4_row   <= e3_row;
            e4_prod  <= product;
        end
        if (e4_v) byp_sum <= sum;
    end
endmodule
