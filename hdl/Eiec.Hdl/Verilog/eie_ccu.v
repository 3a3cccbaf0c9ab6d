`include "eie_config.vh"
// Central control unit (docs/microarchitecture.md, SCAN: control unit). Each SCAN cycle, from
// start-of-cycle state:
//   1. any_full: some PE's queue holds `EIE_FIFO_DEPTH pairs.
//   2. bc = cur_mask != 0 && !any_full: broadcast (j = cur_g*N + k*, a = cur_val[k*]), k* the
//      lowest set bit of cur_mask found by the LNZD tree.
//   3. mask_after = bc ? cur_mask without bit k* : cur_mask.
//   4. load_cur = mask_after == 0 && nxt_valid: cur <- nxt (mask: value != 0 and index < inputs).
//   5. rd = (!nxt_valid || load_cur) && fetch_g < groups: every PE reads act[l mod 2][fetch_g];
//      nxt_g <- fetch_g, nxt_valid <- 1, fetch_g++; else if load_cur, nxt_valid <- 0.
//   6. done = cur_mask == 0 && !nxt_valid && fetch_g == groups.
// Outside SCAN the registers are held at their first-cycle values (fetch_g = 0, all invalid).
// nxt_val is not a register here: it is every PE's activation-buffer read output (act_rdata).
module eie_ccu (
    input  wire                         clk,
    input  wire                         rst_n,
    input  wire                         scan,
    input  wire [`EIE_LT_FIELD_BITS-1:0]   inputs,
    input  wire [`EIE_GROUP_BITS-1:0]    groups,
    input  wire [`EIE_PES*`EIE_ACT_BITS-1:0] act_rdata,
    input  wire                         any_full,
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

    // ---- leading-non-zero detection: k* = lowest set bit of cur_mask ----
    wire          lnzd_v;
    wire [XW-1:0] k_star;
    eie_lnzd #(.WIDTH(N), .LEVELS(`EIE_LNZD_LEVELS)) u_lnzd (
        .req(cur_mask), .valid(lnzd_v), .index(k_star)
    );

    assign bc_v = lnzd_v && !any_full;
    // Column index at the layer table's field width, truncated to the column width (j < inputs always fits).
    /* verilator lint_off UNUSEDSIGNAL */
    wire [FW-1:0] bc_j_f = {{(FW - AW){1'b0}}, cur_g} * N_F + {{(FW - XW){1'b0}}, k_star};
    /* verilator lint_on UNUSEDSIGNAL */
    assign bc_j = bc_j_f[CW-1:0];
    // cur_val padded with zeros to 4^levels values so that every k_star selects inside it.
    localparam PADDED = 4 ** `EIE_LNZD_LEVELS;
    wire [PADDED*AB-1:0] cur_val_pad;
    assign cur_val_pad[N*AB-1:0] = cur_val;
    generate
        if (PADDED > N) begin : g_pad
            assign cur_val_pad[PADDED*AB-1:N*AB] = {((PADDED - N) * AB){1'b0}};
        end
    endgenerate
    assign bc_a = cur_val_pad[k_star * AB +: AB];

    // Clearing the lowest set bit is clearing bit k*.
    wire [N-1:0] mask_after = bc_v ? (cur_mask & (cur_mask - M_ONE)) : cur_mask;
    wire load_cur = !(|mask_after) && nxt_valid;

    // Mask of the group at the activation buffers' outputs: non-zero and inside the layer.
    wire [FW-1:0] nxt_base = {{(FW - AW){1'b0}}, nxt_g} * N_F;
    wire [N-1:0] nxt_mask;
    genvar k;
    generate
        for (k = 0; k < N; k = k + 1) begin : g_mask
            localparam [FW-1:0] K_F = k;
            assign nxt_mask[k] = (|act_rdata[k*AB +: AB]) && (nxt_base + K_F < inputs);
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
        end else begin
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
    end
endmodule
