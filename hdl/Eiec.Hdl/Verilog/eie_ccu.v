`include "eie_config.vh"
// Central control unit (docs/microarchitecture.md, SCAN: control unit). Each SCAN cycle, from
// start-of-cycle state:
//   1. any_full (a register): for some PE, its queue count plus the bus pair at the start of the
//      previous cycle, plus the previous cycle's broadcast, reached D (a pop frees its place for
//      the broadcast one cycle late).
//   2. bc = cur_mask != 0 && !any_full: broadcast (j = cur_g*N + k*, a = cur_val[k*]), k* the
//      lowest set bit of cur_mask found by the LNZD tree, into the broadcast bus register; the
//      PEs' queues take the bus pair at the end of the next cycle.
//   3. mask_after = bc ? cur_mask without bit k* : cur_mask.
//   4. load_cur = mask_after == 0 && nxt_valid: cur <- nxt (mask: value != 0 and index < inputs).
//   5. rd = (!nxt_valid || load_cur) && fetch_g < groups: every PE reads act[l mod 2][fetch_g];
//      nxt_g <- fetch_g, nxt_valid <- 1, fetch_g++; else if load_cur, nxt_valid <- 0.
//   6. done = cur_mask == 0 && !nxt_valid && fetch_g == groups.
// any_full is a register loaded with OR over the PEs of count + bus_v + bc >= D: the PEs give
// count >= D, D - 1, D - 2 from their count registers and bus_v + bc picks one of the three ORs,
// so neither the cross-PE reduction nor the bus fan-out is in series with the LNZD, and no PE's
// pop logic feeds the reduction (issue 10).
// Outside SCAN the registers are held at their first-cycle values (fetch_g = 0, all invalid).
// nxt_val is not a register here: it is every PE's activation-buffer read output (act_rdata).
module eie_ccu (
    input  wire                         clk,
    input  wire                         rst_n,
    input  wire                         scan,
    input  wire [`EIE_LT_FIELD_BITS-1:0]   inputs,
    input  wire [`EIE_GROUP_BITS-1:0]    groups,
    input  wire [`EIE_PES*`EIE_ACT_BITS-1:0] act_rdata,
    input  wire                         any_ge0,
    input  wire                         any_ge1,
    input  wire                         any_ge2,
    output wire                         act_re,
    output wire [`EIE_ACT_ADDR_BITS-1:0] act_raddr,
    output wire                         bc_v,
    output wire [`EIE_COL_BITS-1:0]      bc_j,
    output wire [`EIE_ACT_BITS-1:0]       bc_a,
    output wire                         done
);
    localparam N  = `EIE_PES;
    localparam AW = `EIE_ACT_ADDR_BITS;
    localparam GW = `EIE_GROUP_BITS;
    localparam CW = `EIE_COL_BITS;
    localparam XW = 2 * `EIE_LNZD_LEVELS;
    localparam [GW-1:0] G_ONE = 1;
    localparam [N-1:0]  M_ONE = 1;
    localparam AB = `EIE_ACT_BITS;
    localparam FW = `EIE_LT_FIELD_BITS;
    localparam [FW-1:0] N_F   = N;

    reg [GW-1:0]   fetch_g;
    reg            nxt_valid;
    reg [AW-1:0]   nxt_g;
    reg [N-1:0]    cur_mask;
    reg [N*AB-1:0] cur_val;
    reg [AW-1:0]   cur_g;
    reg            any_full;   // last cycle, some PE's count + bus pair + broadcast reached D
    reg            bus_v;      // the broadcast bus: the pair the PEs' queues take this cycle
    reg [CW-1:0]   bus_j;
    reg [AB-1:0]   bus_a;

    // ---- leading-non-zero detection: k* = lowest set bit of cur_mask ----
    wire          lnzd_v;
    wire [XW-1:0] k_star;
    eie_lnzd #(.WIDTH(N), .LEVELS(`EIE_LNZD_LEVELS)) u_lnzd (
        .req(cur_mask), .valid(lnzd_v), .index(k_star)
    );

    wire bc = lnzd_v && !any_full;
    // Column index at the layer table's field width, truncated to the column width (j < inputs always fits).
    /* verilator lint_off UNUSEDSIGNAL */
    wire [FW-1:0] bc_j_f = {{(FW - AW){1'b0}}, cur_g} * N_F + {{(FW - XW){1'b0}}, k_star};
    /* verilator lint_on UNUSEDSIGNAL */
    wire [CW-1:0] bc_j_c = bc_j_f[CW-1:0];
    // cur_val padded with zeros to 4^levels values so that every k_star selects inside it.
    localparam PADDED = 4 ** `EIE_LNZD_LEVELS;
    wire [PADDED*AB-1:0] cur_val_pad;
    assign cur_val_pad[N*AB-1:0] = cur_val;
    generate
        if (PADDED > N) begin : g_pad
            assign cur_val_pad[PADDED*AB-1:N*AB] = {((PADDED - N) * AB){1'b0}};
        end
    endgenerate
    wire [AB-1:0] bc_a_c = cur_val_pad[k_star * AB +: AB];
    assign bc_v = bus_v;
    assign bc_j = bus_j;
    assign bc_a = bus_a;

    // Clearing the lowest set bit is clearing bit k*.
    wire [N-1:0] mask_after = bc ? (cur_mask & (cur_mask - M_ONE)) : cur_mask;
    // mask_after == 0 without forming mask_after: cur_mask is empty, or it has one bit and this cycle
    // broadcasts it. "More than one bit" is an OR over the bits of (bit k and a lower bit): no carry
    // chain (cur_mask - 1's was in series with load_cur, rd and every PE's read enable, issue 10).
    function automatic multi_bit(input [N-1:0] m);
        integer i;
        reg seen;
        begin
            multi_bit = 1'b0;
            seen      = 1'b0;
            for (i = 0; i < N; i = i + 1) begin
                multi_bit = multi_bit || (seen && m[i]);
                seen      = seen || m[i];
            end
        end
    endfunction
    wire mask_empty_after = !(|cur_mask) || (!any_full && !multi_bit(cur_mask));
    wire load_cur = mask_empty_after && nxt_valid;

    // Mask of the group at the activation buffers' outputs: non-zero and inside the layer.
    // Compared at EIE_COL_BITS, not the field width: an index (< depth * N) and inputs (<= depth * N)
    // both fit, and a 32-bit compare chain after the layer table was the UP5K's critical path.
    /* verilator lint_off UNUSEDSIGNAL */
    wire [FW-1:0] nxt_base_f = {{(FW - AW){1'b0}}, nxt_g} * N_F;
    wire [FW-1:0] inputs_f   = inputs;
    /* verilator lint_on UNUSEDSIGNAL */
    wire [CW-1:0] nxt_base = nxt_base_f[CW-1:0];
    wire [CW-1:0] inputs_c = inputs_f[CW-1:0];
    wire [N-1:0] nxt_mask;
    genvar k;
    generate
        for (k = 0; k < N; k = k + 1) begin : g_mask
            localparam [CW-1:0] K_C = k;
            assign nxt_mask[k] = (|act_rdata[k*AB +: AB]) && (nxt_base + K_C < inputs_c);
        end
    endgenerate

    wire more = (fetch_g != groups);   // fetch_g < groups (fetch_g never passes groups)
    wire rd   = scan && (!nxt_valid || load_cur) && more;
    assign act_re    = rd;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [GW-1:0] fetch_g_w = fetch_g;  // the top bit only reaches groups == depth
    /* verilator lint_on UNUSEDSIGNAL */
    assign act_raddr = fetch_g_w[AW-1:0];
    assign done      = !(|cur_mask) && !nxt_valid && !more;

    always @(posedge clk) begin
        if (!rst_n || !scan) begin
            fetch_g   <= {GW{1'b0}};
            nxt_valid <= 1'b0;
            cur_mask  <= {N{1'b0}};
            any_full  <= 1'b0;
            bus_v     <= 1'b0;
        end else begin
            any_full  <= (bc && bus_v) ? any_ge2 : (bc || bus_v) ? any_ge1 : any_ge0;
            bus_v     <= bc;
            if (load_cur) cur_mask <= nxt_mask;
            else          cur_mask <= mask_after;
            if (rd) begin
                fetch_g   <= fetch_g + G_ONE;
                nxt_valid <= 1'b1;
            end else if (load_cur) begin
                nxt_valid <= 1'b0;
            end
        end
    end

    always @(posedge clk) begin
        if (load_cur) begin
            cur_val <= act_rdata;
            cur_g   <= nxt_g;
        end
        if (rd) nxt_g <= fetch_g_w[AW-1:0];
        if (bc) begin
            bus_j <= bc_j_c;
            bus_a <= bc_a_c;
        end
    end
endmodule
