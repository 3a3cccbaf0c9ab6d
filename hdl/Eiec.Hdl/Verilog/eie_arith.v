`include "eie_config.vh"
// Arithmetic unit: a fixed four-stage pipeline that never stalls
// (docs/microarchitecture.md, SCAN: processing element, step 4). An entry issued in cycle t is
//   E1 (t+1): taken from its slot of the sparse-matrix SRAM output word; v = code, z = zero run;
//             row = first ? z : row_prev + z + 1; codebook read of cb[layer, v] issued; a recoded to
//             radix-4 digits (logic form, below).
//   E2 (t+2): w = the codebook RAM's output; the multiply's rows, digit * w, added in pairs: four partial
//             products for 16-bit activations, each w times four bits' worth of a.
//   E3 (t+3): product = the sum of the four, each shifted to its place = w * a; accumulator read of row issued.
//   E4 (t+4): sum = acc[row] + product; write acc[row] <- sum at the end of the cycle.
// The multiply is split over E2 and E3 because a 16 x 16 multiplier in logic (an iCE40 HX has no
// DSP) was the critical path once write-back was pipelined (issue 10). E2 starts from the codebook RAM's
// output, which comes late in the cycle (a block RAM's clock-to-output), so it does one LUT level and one
// carry chain per partial product and E3, which starts from registers, the sum of four (with two 16 x 8
// halves, E2 was the HX8K's critical path; four 16 x 4 products, as synthesized from `*`, took four LUT levels
// before their chain and 835 LUTs per unit where the recoded rows take 448, issue 10).
// With EIE_MUL_DSP (a build for a device with DSP multipliers: `eiec build --multiplier dsp`, implied by
// --target vivado/quartus; docs/rtl.md, "DSP multiply") the product is one w * a instead: E2 registers the
// codebook RAM's output and a (the DSP's input registers), E3 multiplies them and e4_prod takes the product
// (its output register). Same cycles, same product; one multiplier per PE where four 16 x 4 ones took a DSP
// each, and no adder tree in logic.
// Bypass: the accumulator read in E3 returns the value stored before the write of the same
// cycle (read-first RAM), so when E4 hits the row that E4 wrote in the previous cycle, it takes
// that previous sum (registered here as byp_sum) instead of the stale RAM output. Rows written two
// or more cycles earlier are already in the RAM. This is the one bypass the document's
// "E4's own previous result / the write of the cycle before" needs: both name the same value.
// The codebook copy is a synchronous RAM outside this unit (eie_cb_bias, shared with the bias memory):
// the address is formed in E1 and the value is at the RAM output in E2, where a register held it before.
// Whether E4 hits is decided a cycle early, comparing E3's row with E4's (byp_hit), so that E4 holds
// only a select and the add: the row compare no longer precedes the accumulator's carry chain.
module eie_arith (
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
    // read port of this PE's codebook copy (eie_cb_bias): address in E1, value in E2
    output wire                           cb_re,
    output wire [`EIE_CODEBOOK_ADDR_BITS-1:0] cb_raddr,
    input  wire [`EIE_WEIGHT_BITS-1:0]     cb_rdata
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
    assign cb_re    = e1_v;
    assign cb_raddr = cb_addr[`EIE_CODEBOOK_ADDR_BITS-1:0];

    // ---- E2: partial products (or the multiplier's operands) ----
    reg                 e2_v;
    reg [AW-1:0]        e2_row;
    wire signed [WB-1:0] e2_w = cb_rdata;   // read in E1; the RAM output holds it through E2
    reg                 e3_v;
    reg [AW-1:0]        e3_row;
`ifdef EIE_MUL_DSP
    // E2 only registers the operands and E3's product goes to e4_prod, all three every cycle with neither enable
    // nor reset, so that synthesis can take them into the DSP block as its input and output registers (Yosys's
    // ice40_dsp gives up on an output register with a synchronous reset); E4 masks the product instead.
    reg signed [AB-1:0] e2_a;
    reg signed [WB-1:0] e3_w;
    reg signed [AB-1:0] e3_a;
    // ---- E3: product, accumulator read ----
    wire signed [PW-1:0] product = e3_w * e3_a;   // PW = WB + AB: exact
    reg signed [PW-1:0]  e4_prod;                 // E4's product, valid with e4_v
    always @(posedge clk) begin
        if (e1_v) e2_a <= e1_a;
    end
    always @(posedge clk) begin
        e3_w    <= e2_w;
        e3_a    <= e2_a;
        e4_prod <= product;
    end
`else
    // Radix-4 recoding of a (in E1, from a register), so that each row of the multiply is one LUT level of w:
    // b = a + K, K = sum of 4^k for k < ND - 1; b_k = b's base-4 digit k (0..3), T = b >>> (AB - 2) (-2..2);
    // then a = sum over k < ND - 1 of (b_k - 1) * 4^k + T * 4^(ND - 1). A row (b_k - 1) * w is ~w, 0, w or 2w:
    // one LUT of w[i], w[i-1] and b_k per bit (~w = -w - 1: row k's correction c_k = (b_k == 0) adds the 1
    // back); the top row T * w (five values) is two LUT levels, its correction T < 0. E2 adds the rows in
    // pairs, one carry chain each; E3 adds the pairs as before. Each correction goes where a chain has a free
    // input at its weight: c_(2j+1) into pair j (its upper row's two free low bits and the carry-in: 1 + 2 + 1
    // = 4 at pair j's weight 4^(2j)); c_(2j), j >= 1, into the carry-in of the E3 chain whose upper operand
    // starts at pair j; c_0 into E4's carry-in. A chain gives free inputs worth 2^s below its upper operand's
    // first bit s, so the rows' chains together offer the sum of 4^k over the rows but the lowest, one short
    // of c_0: e4_prod holds the product less c_0, E4's low chain adds it (below its first bit: the path from
    // acc_old through the chain is as long as before).
    localparam ND  = AB / 2;            // radix-4 digits of a
    localparam NP  = ND / 2;            // digit pairs: E2's partial products (a power of two)
    localparam LNP = $clog2(NP);        // levels of E3's adder tree
    localparam RW  = WB + 1;            // a row (b_k - 1) * w, signed
    localparam P0  = WB + 4;            // a pair's sum, signed: |(d + 4 d') w| <= 10 * 2^(WB-1)
    localparam [AB:0] KREC = {3'b000, {(ND - 1){2'b01}}};
    reg [AB:0] e2_code;                 // b
    always @(posedge clk) begin
        if (e1_v) e2_code <= {e1_a[AB-1], e1_a} + KREC;
    end

    // ---- E2: the rows, added in pairs ----
    wire [RW-1:0] w1 = {e2_w[WB-1], e2_w};
    wire [RW-1:0] w2 = {e2_w, 1'b0};
    wire [ND-1:0] corr;                 // c_k
    wire [NP*P0-1:0] pairs;
    genvar k;
    generate
        for (k = 0; k < ND - 1; k = k + 1) begin : g_corr
            assign corr[k] = e2_code[2*k +: 2] == 2'd0;
        end
        for (k = 0; k < NP; k = k + 1) begin : g_pair
            wire [1:0]    vl = e2_code[4*k +: 2];
            wire [RW-1:0] lo = vl == 2'd0 ? ~w1 : vl == 2'd1 ? {RW{1'b0}} : vl == 2'd2 ? w1 : w2;
            wire [P0-3:0] hi;
            if (k < NP - 1) begin : g_mid
                wire [1:0]    vh = e2_code[4*k+2 +: 2];
                wire [RW-1:0] r  = vh == 2'd0 ? ~w1 : vh == 2'd1 ? {RW{1'b0}} : vh == 2'd2 ? w1 : w2;
                assign hi = {r[RW-1], r};
            end else begin : g_top
                // T = b[AB:AB-2]: 0, 1, 2, -2 (110), -1 (111)
                wire [2:0]    t  = e2_code[AB:AB-2];
                wire [RW:0]   m  = t[0] ? {w1[RW-1], w1} : {w2[RW-1], w2};
                assign hi = t == 3'b000 ? {(RW + 1){1'b0}} : m ^ {(RW + 1){t[2]}};
            end
            wire c = k < NP - 1 ? corr[2*k+1] : e2_code[AB];
            // c as the carry-in, not as {lo, c} + {hi, c}: a carry cell with one net on both inputs can send
            // nextpnr-ice40's router into an endless rip-up loop (two arcs of one net into one logic cell)
            assign pairs[k*P0 +: P0] = {{(P0 - RW){lo[RW-1]}}, lo} + {hi, c, c} + {{(P0 - 1){1'b0}}, c};
        end
    endgenerate
    assign corr[ND-1] = e2_code[AB];

    reg [NP*P0-1:0] e3_p;
    reg [NP-1:0]    e3_c;               // c_(2j): [0] goes to E4, [j] to E3's tree
    integer ci;
    always @(posedge clk) begin
        if (e2_v) begin
            e3_p <= pairs;
            for (ci = 0; ci < NP; ci = ci + 1) e3_c[ci] <= corr[2*ci];
        end
    end

    // ---- E3: product, accumulator read ----
    // Level l of the tree holds NP >> l sums of 2^l pairs, each WB + 4 * 2^l bits, signed; level 0 is e3_p.
    genvar l, n;
    generate
        for (l = 0; l <= LNP; l = l + 1) begin : g_lvl
            localparam WL = WB + (4 << l);
            wire [(NP >> l)*WL-1:0] t;
            if (l == 0) begin : g_leaf
                assign t = e3_p;
            end else begin : g_add
                localparam WI = WB + (4 << (l - 1));    // an operand's width
                localparam H  = 2 << l;                 // the upper operand's shift: 4 * 2^(l-1) bits
                for (n = 0; n < (NP >> l); n = n + 1) begin : g_node
                    wire [WI-1:0] a0 = g_lvl[l-1].t[(2*n) * WI +: WI];
                    wire [WI-1:0] a1 = g_lvl[l-1].t[(2*n+1) * WI +: WI];
                    wire          c  = e3_c[n * (1 << l) + (1 << (l - 1))];
                    wire [WI-1:0] s  = {{H{a0[WI-1]}}, a0[WI-1:H]} + a1 + {{(WI - 1){1'b0}}, c};
                    assign t[n * WL +: WL] = {s, a0[H-1:0]};
                end
            end
        end
    endgenerate
    wire signed [PW-1:0] product = g_lvl[LNP].t;
`endif

    assign acc_re    = e3_v;
    assign acc_raddr = e3_row;

    // ---- E4: accumulate ----
    reg                 e4_v;
    reg [AW-1:0]        e4_row;
`ifndef EIE_MUL_DSP
    reg signed [PW-1:0] e4_prod;
    reg                 e4_c0;     // c_0: the product is e4_prod + e4_c0
`endif
    reg                 byp_hit;   // E4 writes the row the previous cycle's E4 wrote
    reg [ACC-1:0]       byp_sum;

    // Outside E4 the sum is 0 (e4_prod is cleared whenever E3 is empty, or masked by e4_v with EIE_MUL_DSP;
    // acc_old is 0 without e4_v), which is what INIT and write-back write to clear an accumulator: the
    // accumulator's write data needs no select after this unit's carry chain (issue 10: that select was a LUT
    // level and a net on the HX8K's critical path). acc_old is one LUT per bit (byp_hit, byp_sum, e4_v,
    // acc_rdata).
    wire [ACC-1:0] acc_old  = byp_hit ? byp_sum : e4_v ? acc_rdata : {ACC{1'b0}};
`ifdef EIE_MUL_DSP
    // A LUT beside acc_old's, not after it: the carry chain still starts one LUT level after the registers.
    wire [PW-1:0]  prod_e4  = e4_v ? e4_prod : {PW{1'b0}};
`else
    wire [PW-1:0]  prod_e4  = e4_prod;
`endif
    wire [ACC-1:0] prod_ext = {{(ACC - PW + 1){prod_e4[PW-1]}}, prod_e4[PW-2:0]};
    // The add is split in two halves of carry chain that run side by side (carry select): the low half, and
    // the high half twice, with carry-in 0 and 1; the low half's carry-out picks one. The longest chain
    // is half the accumulator (issue 10: the full 36-bit chain was the HX8K's critical path). a + b + 1
    // is written as ({a, 1} + {b, 1}) >> 1 so that it stays one chain with its carry-in set.
    localparam LO = ACC / 2;
    localparam HI = ACC - LO;
`ifdef EIE_MUL_DSP
    wire [LO:0]   sum_lo  = {1'b0, acc_old[LO-1:0]} + {1'b0, prod_ext[LO-1:0]};
`else
    // The low half's carry-in is c_0 (the chain's carry-in: the path from acc_old through the chain is as long)
    wire [LO:0]   sum_lo  = {1'b0, acc_old[LO-1:0]} + {1'b0, prod_ext[LO-1:0]} + {{LO{1'b0}}, e4_c0};
`endif
    wire [HI-1:0] sum_hi0 = acc_old[ACC-1:LO] + prod_ext[ACC-1:LO];
    /* verilator lint_off UNUSEDSIGNAL */
    wire [HI:0]   sum_hi1 = {acc_old[ACC-1:LO], 1'b1} + {prod_ext[ACC-1:LO], 1'b1};
    /* verilator lint_on UNUSEDSIGNAL */
    wire [ACC-1:0] sum     = {sum_lo[LO] ? sum_hi1[HI:1] : sum_hi0, sum_lo[LO-1:0]};

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
`ifndef EIE_MUL_DSP
            e4_prod <= {PW{1'b0}};
            e4_c0   <= 1'b0;
`endif
        end else begin
            e1_v    <= issue;
            e2_v    <= e1_v;
            e3_v    <= e2_v;
            e4_v    <= e3_v;
            byp_hit <= e3_v && e4_v && (e3_row == e4_row);
`ifndef EIE_MUL_DSP
            e4_prod <= e3_v ? product : {PW{1'b0}};   // a synchronous reset of the register, not a select
            e4_c0   <= e3_v && e3_c[0];
`endif
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
        end
        if (e2_v) e3_row <= e2_row;
        if (e3_v) e4_row <= e3_row;
        if (e4_v) byp_sum <= sum;
    end
endmodule
