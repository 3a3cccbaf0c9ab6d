`include "eie_config.vh"
// One processing element: activation queue, pointer read unit, sparse-matrix read unit,
// arithmetic unit, activation read/write unit and the accumulator file
// (docs/microarchitecture.md, SCAN: processing element; WB: write-back).
// The accumulator file is a simple dual-port RAM shared by the arithmetic unit (SCAN) and the
// write-back side of the activation read/write unit (INIT, WB); the two never use it in the
// same cycle. The write data is always the arithmetic unit's: 0 outside E4, which is what INIT and
// write-back write (no select on the accumulate path).
module eie_pe #(
    parameter PE_INDEX = 0,
    parameter MEM_DIR  = "mem/"
) (
    input  wire                         clk,
    input  wire                         rst_n,
    input  wire [`EIE_LAYER_BITS-1:0]    layer,
    input  wire [`EIE_LT_FIELD_BITS-1:0]   ptr_base,
    input  wire [`EIE_LT_FIELD_BITS-1:0]   spmat_base,
    input  wire [`EIE_LT_FIELD_BITS-1:0]   bias_base,
    input  wire [`EIE_WFRAC_BITS-1:0]    wfrac,
    input  wire                         relu,
    input  wire                         bc_v,
    input  wire [`EIE_COL_BITS-1:0]      bc_j,
    input  wire [`EIE_ACT_BITS-1:0]       bc_a,
    output wire                         q_ge0,
    output wire                         q_ge1,
    output wire                         q_ge2,
    output wire                         idle,
    output wire                         wb_sat,     // write-back clamped the row written this cycle
    input  wire                         act_re,
    input  wire [`EIE_ACT_ADDR_BITS-1:0] act_raddr,
    input  wire [1:0]                   act_rsel,   // region: act0, act1, in0, in1
    output wire [`EIE_ACT_BITS-1:0]       act_rdata,
    input  wire                         ld_we,
    input  wire [`EIE_ACT_ADDR_BITS:0]   ld_addr,    // {input slot, row}
    input  wire [`EIE_ACT_BITS-1:0]       ld_data,
    input  wire                         wb_rd,
    input  wire [`EIE_ACT_ADDR_BITS-1:0] wb_row,
    input  wire                         clr_we,
    input  wire [`EIE_ACT_ADDR_BITS-1:0] clr_addr,
    // Load bus (docs/axi.md): writes word mw_addr of model memory mw_mem (image.bin's memory ids:
    // 1 codebook, 2 sparse matrix, 3/4 even/odd pointer bank, 5 bias). mw_we is already decoded
    // for this PE by eie_top, which accepts writes only while the array is idle.
    input  wire                         mw_we,
    input  wire [2:0]                   mw_mem,
    input  wire [`EIE_MW_PE_ADDR_BITS-1:0]  mw_addr,
    input  wire [`EIE_MW_PE_DATA_BITS-1:0] mw_data
);
    localparam AW  = `EIE_ACT_ADDR_BITS;
    localparam ACC = `EIE_ACC_BITS;

    // Per-PE memory file prefix: MEM_DIR + "peKKK_" (three decimal digits, as the image names them).
    function [7:0] digit;
        input [7:0] value;
        begin
            digit = 8'd48 + value;
        end
    endfunction
    localparam MEM_PREFIX = {MEM_DIR, `EIE_FILE_PE_PREFIX,
                             digit((PE_INDEX / 100) % 10), digit((PE_INDEX / 10) % 10), digit(PE_INDEX % 10), "_"};

    // ---- activation queue ----
    wire                     pop;
    wire                     q_nonempty;
    wire [`EIE_COL_BITS-1:0] head_j;
    wire [`EIE_ACT_BITS-1:0] head_a;

    eie_act_queue u_queue (
        .clk(clk), .rst_n(rst_n),
        .push(bc_v), .push_j(bc_j), .push_a(bc_a),
        .pop(pop), .head_j(head_j), .head_a(head_a),
        .nonempty(q_nonempty), .ge0(q_ge0), .ge1(q_ge1), .ge2(q_ge2)
    );

    // ---- pointer read unit ----
    wire                         spm_free;
    wire                         col_v;
    wire                         col_ok;
    wire [`EIE_POINTER_BITS-1:0] col_start;
    wire [`EIE_POINTER_BITS-1:0] col_end;
    wire [`EIE_ACT_BITS-1:0]     col_a;

    eie_ptr_read #(.MEM_PREFIX(MEM_PREFIX)) u_ptr (
        .clk(clk), .rst_n(rst_n), .ptr_base(ptr_base),
        .spm_free(spm_free), .q_nonempty(q_nonempty), .head_j(head_j), .head_a(head_a),
        .pop(pop), .col_v(col_v), .col_ok(col_ok), .col_start(col_start), .col_end(col_end), .col_a(col_a),
        .mw_even_we(mw_we && mw_mem == 3'd3), .mw_odd_we(mw_we && mw_mem == 3'd4),
        .mw_addr(mw_addr[`EIE_PTR_ADDR_BITS-1:0]), .mw_data(mw_data[`EIE_POINTER_BITS-1:0])
    );

    // ---- sparse-matrix read unit ----
    wire                      have;
    wire [`EIE_SLOT_BITS-1:0] issue_slot;
    wire [`EIE_ACT_BITS-1:0]  issue_a;
    wire                      issue_first;
    wire [`EIE_WORD_BITS-1:0] word;

    eie_spmat_read #(.MEM_PREFIX(MEM_PREFIX)) u_spm (
        .clk(clk), .rst_n(rst_n), .spmat_base(spmat_base),
        .col_ok(col_ok), .col_start(col_start), .col_end(col_end), .col_a(col_a),
        .spm_free(spm_free), .have(have),
        .issue_slot(issue_slot), .issue_a(issue_a), .issue_first(issue_first), .word(word),
        .mw_we(mw_we && mw_mem == 3'd2),
        .mw_addr(mw_addr[`EIE_SPMAT_ADDR_BITS-1:0]), .mw_data(mw_data[`EIE_WORD_BITS-1:0])
    );

    // ---- arithmetic unit ----
    wire           ar_re;
    wire [AW-1:0]  ar_raddr;
    wire           ar_we;
    wire [AW-1:0]  ar_waddr;
    wire [ACC-1:0] ar_wdata;
    wire           ar_busy;
    wire [ACC-1:0] acc_rdata;

    wire                               cb_re;
    wire [`EIE_CODEBOOK_ADDR_BITS-1:0] cb_raddr;
    wire                               bias_re;
    wire [`EIE_BIAS_ADDR_BITS-1:0]     bias_raddr;
    wire [`EIE_CBB_BITS-1:0]           cbb_rdata;

    eie_arith u_arith (
        .clk(clk), .rst_n(rst_n), .layer(layer),
        .issue(have), .issue_slot(issue_slot), .issue_a(issue_a), .issue_first(issue_first),
        .word(word),
        .acc_re(ar_re), .acc_raddr(ar_raddr), .acc_rdata(acc_rdata),
        .acc_we(ar_we), .acc_waddr(ar_waddr), .acc_wdata(ar_wdata),
        .busy(ar_busy),
        .cb_re(cb_re), .cb_raddr(cb_raddr), .cb_rdata(cbb_rdata[`EIE_WEIGHT_BITS-1:0])
    );

    // ---- activation read/write unit ----
    wire          wb_re;
    wire [AW-1:0] wb_raddr;
    wire          wb_we;
    wire [AW-1:0] wb_waddr;

    eie_act_rw #(.PE_INDEX(PE_INDEX)) u_act (
        .clk(clk), .rst_n(rst_n), .layer(layer),
        .bias_base(bias_base), .wfrac(wfrac), .relu(relu),
        .act_re(act_re), .act_raddr(act_raddr), .act_rsel(act_rsel), .act_rdata(act_rdata),
        .ld_we(ld_we), .ld_addr(ld_addr), .ld_data(ld_data),
        .wb_rd(wb_rd), .wb_row(wb_row), .clr_we(clr_we), .clr_addr(clr_addr),
        .acc_re(wb_re), .acc_raddr(wb_raddr), .acc_rdata(acc_rdata),
        .acc_we(wb_we), .acc_waddr(wb_waddr),
        .bias_re(bias_re), .bias_raddr(bias_raddr), .bias_q(cbb_rdata[`EIE_ACT_BITS-1:0]),
        .wb_sat(wb_sat)
    );

    // ---- codebook copy and bias memory: one RAM (E1 reads the codebook in SCAN, Q1 the bias in WB) ----
    eie_cb_bias #(
        .CB_FILE({MEM_DIR, `EIE_FILE_CODEBOOK}), .BIAS_FILE({MEM_PREFIX, `EIE_FILE_BIAS})
    ) u_cb_bias (
        .clk(clk),
        .cb_re(cb_re), .cb_raddr(cb_raddr), .bias_re(bias_re), .bias_raddr(bias_raddr), .rdata(cbb_rdata),
        .cb_we(mw_we && mw_mem == 3'd1), .cb_waddr(mw_addr[`EIE_CODEBOOK_ADDR_BITS-1:0]),
        .cb_wdata(mw_data[`EIE_CBB_BITS-1:0]),
        .bias_we(mw_we && mw_mem == 3'd5), .bias_waddr(mw_addr[`EIE_BIAS_ADDR_BITS-1:0]),
        .bias_wdata(mw_data[`EIE_CBB_BITS-1:0])
    );

    // ---- accumulator file: arithmetic unit in SCAN, write-back in INIT/WB ----
    eie_sram_1r1w #(
        .WIDTH(ACC), .DEPTH(`EIE_ACT_DEPTH), .ADDR_BITS(AW)
    ) u_acc (
        .clk(clk),
        .we(ar_we || wb_we), .waddr(ar_we ? ar_waddr : wb_waddr), .wdata(ar_wdata),
        .re(ar_re || wb_re), .raddr(ar_re ? ar_raddr : wb_raddr), .rdata(acc_rdata)
    );

    // PE idle (start of cycle): count == 0 && !col_v && !have && pipeline empty.
    assign idle = !q_nonempty && !col_v && !have && !ar_busy;
endmodule
