`include "eie_config.vh"
// Sparse-matrix read unit (docs/microarchitecture.md, SCAN: processing element, step 1).
//   have = spm_v && spm_ptr < spm_end: this cycle issues entry spm_ptr (spm_end is kept as
//   spm_left = spm_end - spm_ptr, and wa below as a register beside spm_ptr: see the registers).
//   Its word address is wa = spmat_base + spm_ptr / EPW. The SRAM is read only when the word it
//   holds is not that word (held-word rule: !word_v || word_addr != wa); otherwise the word at
//   the SRAM output is reused.
//   last = have && spm_ptr + 1 == spm_end.
//   spm_take = (!have || last) && col_ok: load the next column from the pointer read unit
//   (col_ok: it holds a column with entries; the pointer read unit drops empty ones);
//   otherwise, if have, advance spm_ptr and clear spm_first.
// spm_free = !have || last comes from registers only. The column registers (spm_ptr's, spm_a,
// spm_first) load in every spm_free cycle, and have <- col_ok: without col_ok they hold a value
// that no one reads (have = 0), so col_ok, late after the pointer banks' outputs and their compare,
// drives have's input only and no register's enable (issue 10: spm_take drove the enables of about
// 40 flip-flops on the HX8K's critical path). Same cycles, same issued entries.
// The issue signals (have, slot, a, first) are registered by the arithmetic unit's E1 stage.
module eie_spmat_read #(
    parameter MEM_PREFIX = "mem/pe000_"
) (
    input  wire                           clk,
    input  wire                           rst_n,
    input  wire [`EIE_LT_FIELD_BITS-1:0]     spmat_base,
    input  wire                           col_ok,
    input  wire [`EIE_POINTER_BITS-1:0]    col_start,
    input  wire [`EIE_POINTER_BITS-1:0]    col_end,
    input  wire [`EIE_ACT_BITS-1:0]         col_a,
    output wire                           spm_free,
    output wire                           have,
    output wire [`EIE_SLOT_BITS-1:0]       issue_slot,
    output wire [`EIE_ACT_BITS-1:0]         issue_a,
    output wire                           issue_first,
    output wire [`EIE_WORD_BITS-1:0]       word,
    // host write port (load bus, docs/axi.md); only while the array is idle
    input  wire                           mw_we,
    input  wire [`EIE_SPMAT_ADDR_BITS-1:0] mw_addr,
    input  wire [`EIE_WORD_BITS-1:0]       mw_data
);
    localparam PB  = `EIE_POINTER_BITS;
    localparam SAW = `EIE_SPMAT_ADDR_BITS;
    localparam EPW_LOG2 = `EIE_EPW_LOG2;
    localparam FW  = `EIE_LT_FIELD_BITS;
    localparam AB  = `EIE_ACT_BITS;
    localparam SB  = `EIE_SLOT_BITS;
    localparam [SB-1:0] SLOT_ONE = 1;

    reg          have_q;      // have, kept as a register (below)
    reg          last_q;      // last, likewise
    // spm_ptr is kept only as its slot in the word (the word address is spm_wa); with one entry
    // per word the slot is always 0 and the register unused.
    /* verilator lint_off UNUSEDSIGNAL */
    reg [SB-1:0] spm_slot;
    /* verilator lint_on UNUSEDSIGNAL */
    reg [PB-1:0] spm_left;    // spm_end - spm_ptr: entries of the column not yet issued
    reg [SAW-1:0] spm_wa;     // wa of spm_ptr, kept with it
    reg [AB-1:0] spm_a;
    reg          spm_first;
    reg          word_v;
    reg [SAW-1:0] word_addr;

    // The contract's compares and adds, from registers kept beside spm_ptr (issue 10: the add and
    // compare chains were the FPGA builds' critical paths): spm_left = spm_end - spm_ptr, and
    // spm_wa = spmat_base + spm_ptr / EPW (the base is constant while a PE has a column: the layer
    // changes only when every PE is idle). A column with entries has start < end, so
    // have = spm_v && spm_ptr < spm_end is spm_v && spm_left != 0, and last is have && spm_left == 1;
    // both are registers, loaded with their values for the next cycle's spm_left.
    localparam [PB-1:0] LEFT_ONE = 1;
    localparam [PB-1:0] LEFT_TWO = 2;
    localparam [SAW-1:0] WA_ONE  = 1;
    assign have = have_q;
    wire last = last_q;
    assign spm_free = !have || last;
    wire [PB-1:0] col_left = col_end - col_start;

    // Word address at the layer table's field width, truncated to the SRAM's address
    // width; the compiler guarantees every word address is inside the SRAM.
    /* verilator lint_off UNUSEDSIGNAL */
    wire [FW-1:0] wa_start = spmat_base + ({{(FW - PB){1'b0}}, col_start} >> EPW_LOG2);
    /* verilator lint_on UNUSEDSIGNAL */
    wire [SAW-1:0] wa = spm_wa;
    // The next entry is in the next word when spm_ptr is the last slot of its word.
    wire          wa_step;
    wire [SB-1:0] start_slot;
    generate
        if (EPW_LOG2 == 0) begin : g_step_one
            assign wa_step    = 1'b1;
            assign start_slot = {SB{1'b0}};
        end else begin : g_step_slot
            assign wa_step    = &spm_slot;
            assign start_slot = col_start[SB-1:0];
        end
    endgenerate
    wire rd = have && (!word_v || word_addr != wa);

    eie_spmat_mem #(
        .WIDTH(`EIE_WORD_BITS), .DEPTH(`EIE_SPMAT_DEPTH), .ADDR_BITS(SAW),
        .INIT_FILE({MEM_PREFIX, `EIE_FILE_SPMAT})
    ) u_spmat (
        .clk(clk), .re(rd), .addr(wa), .rdata(word),
        .we(mw_we), .waddr(mw_addr), .wdata(mw_data)
    );

    generate
        if (EPW_LOG2 == 0) begin : g_one_slot
            assign issue_slot = 1'b0;
        end else begin : g_slots
            assign issue_slot = spm_slot;
        end
    endgenerate
    assign issue_a     = spm_a;
    assign issue_first = spm_first;

    always @(posedge clk) begin
        if (!rst_n) begin
            have_q <= 1'b0;
            last_q <= 1'b0;
            word_v <= 1'b0;
        end else begin
            if (rd) begin
                word_v    <= 1'b1;
                word_addr <= wa;
            end else if (mw_we) begin
                // A new model (load bus, IDLE only, so never with rd) may rewrite the held word:
                // the next read must fetch it again, not reuse the SRAM output.
                word_v    <= 1'b0;
            end
            if (spm_free) begin
                have_q    <= col_ok;   // spm_take
                last_q    <= (col_left == LEFT_ONE);
                spm_slot  <= start_slot;
                spm_left  <= col_left;
                spm_wa    <= wa_start[SAW-1:0];
                spm_a     <= col_a;
                spm_first <= 1'b1;
            end else if (have) begin
                have_q    <= !last;
                last_q    <= (spm_left == LEFT_TWO);
                spm_slot  <= spm_slot + SLOT_ONE;
                spm_left  <= spm_left - LEFT_ONE;
                if (wa_step) spm_wa <= spm_wa + WA_ONE;
                spm_first <= 1'b0;
            end
        end
    end
endmodule
