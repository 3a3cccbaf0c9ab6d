`include "eie_config.vh"
// Sparse-matrix read unit (docs/microarchitecture.md, SCAN: processing element, step 1).
//   have = spm_v && spm_ptr < spm_end: this cycle issues entry spm_ptr.
//   Its word address is wa = spmat_base + spm_ptr / EPW. The SRAM is read only when the word it
//   holds is not that word (held-word rule: !word_v || word_addr != wa); otherwise the word at
//   the SRAM output is reused.
//   last = have && spm_ptr + 1 == spm_end.
//   spm_take = (!have || last) && col_ok: load the next column from the pointer read unit
//   (col_ok: it holds a column with entries; the pointer read unit drops empty ones);
//   otherwise, if have, advance spm_ptr and clear spm_first.
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
    output wire                           spm_take,
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
    localparam [PB:0] PTR_ONE = 1;

    reg          spm_v;
    reg [PB-1:0] spm_ptr;
    reg [PB-1:0] spm_end;
    reg [AB-1:0] spm_a;
    reg          spm_first;
    reg          word_v;
    reg [SAW-1:0] word_addr;

    assign have = spm_v && (spm_ptr < spm_end);
    wire [PB:0] ptr_next = {1'b0, spm_ptr} + PTR_ONE;
    wire last = have && (ptr_next == {1'b0, spm_end});
    assign spm_take = (!have || last) && col_ok;

    // Word address at the layer table's field width, truncated to the SRAM's address
    // width; the compiler guarantees every word address is inside the SRAM.
    /* verilator lint_off UNUSEDSIGNAL */
    wire [FW-1:0] wa_f = spmat_base + ({{(FW - PB){1'b0}}, spm_ptr} >> EPW_LOG2);
    /* verilator lint_on UNUSEDSIGNAL */
    wire [SAW-1:0] wa = wa_f[SAW-1:0];
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
            assign issue_slot = spm_ptr[EPW_LOG2-1:0];
        end
    endgenerate
    assign issue_a     = spm_a;
    assign issue_first = spm_first;

    always @(posedge clk) begin
        if (!rst_n) begin
            spm_v  <= 1'b0;
            word_v <= 1'b0;
        end else begin
            if (rd) begin
                word_v    <= 1'b1;
                word_addr <= wa;
            end
            if (spm_take) begin
                spm_v     <= 1'b1;
                spm_ptr   <= col_start;
                spm_end   <= col_end;
                spm_a     <= col_a;
                spm_first <= 1'b1;
            end else if (have) begin
                spm_ptr   <= ptr_next[PB-1:0];
                spm_first <= 1'b0;
            end
        end
    end
endmodule
