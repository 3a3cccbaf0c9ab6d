`include "eie_config.vh"
// Pointer read unit (docs/microarchitecture.md, SCAN: processing element, step 2).
// col_ok = col_v && p[j] != p[j+1]: the column register holds a column with entries in this PE.
// pop = (!col_ok || spm_take) && queue non-empty: an empty column is dropped in the cycle it is in
// the column register, and that cycle may already pop the next pair, so empty columns never reach
// the sparse-matrix read unit. Since spm_take = spm_free && col_ok (spm_free = !have || last, from
// the sparse-matrix read unit's registers), !col_ok || spm_take is !col_ok || spm_free: pop does not
// wait for spm_take, only for the pointer compare (issue 10: RAM output, compare, spm_take, pop was
// the HX8K's critical path). A pop removes the queue head (j, a) and reads
// both pointer banks in the same cycle:
//   j even: p[j] = even[ptr_base + j/2],     p[j+1] = odd[ptr_base + j/2]
//   j odd:  p[j] = odd[ptr_base + (j-1)/2],  p[j+1] = even[ptr_base + (j+1)/2]
// so the even bank is read at ptr_base + (j+1)/2 and the odd bank at ptr_base + j/2 (floor).
// Next cycle col = {1, p[j], p[j+1], a}: col_start/col_end are the banks' output registers,
// swapped by the registered parity of j. Else if spm_take or the column is empty, col_v <- 0
// (spm_take || !col_ok is spm_free || !col_ok).
module eie_ptr_read #(
    parameter MEM_PREFIX = "mem/pe000_"
) (
    input  wire                        clk,
    input  wire                        rst_n,
    input  wire [`EIE_LT_FIELD_BITS-1:0]  ptr_base,
    input  wire                        spm_free,   // !have || last: the sparse-matrix read unit takes a column
    input  wire                        q_nonempty,
    input  wire [`EIE_COL_BITS-1:0]     head_j,
    input  wire [`EIE_ACT_BITS-1:0]      head_a,
    output wire                        pop,
    output reg                         col_v,
    output wire                        col_ok,
    output wire [`EIE_POINTER_BITS-1:0] col_start,
    output wire [`EIE_POINTER_BITS-1:0] col_end,
    output reg  [`EIE_ACT_BITS-1:0]      col_a,
    // host write port of the two banks (load bus, docs/axi.md); only while the array is idle
    input  wire                        mw_even_we,
    input  wire                        mw_odd_we,
    input  wire [`EIE_PTR_ADDR_BITS-1:0] mw_addr,
    input  wire [`EIE_POINTER_BITS-1:0] mw_data
);
    localparam CW  = `EIE_COL_BITS;
    localparam PB  = `EIE_POINTER_BITS;
    localparam PAW = `EIE_PTR_ADDR_BITS;
    localparam FW  = `EIE_LT_FIELD_BITS;
    localparam [FW-1:0] F_ONE = 1;

    // pop = (!col_ok || spm_free) && q_nonempty = q_nonempty && (spm_free || !col_v || p[j] == p[j+1]):
    // four inputs, of which only the compare of the banks' outputs (col_same, below) is late, so pop is
    // one LUT level after it: eie_ptr_pop, a kept module, so that synthesis cannot fold it into col_ok's
    // gates. col_same is kept as a net (keep) so that the compare is its own two LUT levels.
    (* keep *) wire col_same;
    eie_ptr_pop u_pop (
        .q_nonempty(q_nonempty), .spm_free(spm_free), .col_v(col_v), .col_same(col_same), .pop(pop)
    );

    // Address arithmetic at the layer table's field width, truncated to the bank's
    // address width; the compiler guarantees every pointer address is inside the bank.
    /* verilator lint_off UNUSEDSIGNAL */
    wire [FW-1:0] j_f       = {{(FW - CW){1'b0}}, head_j};
    wire [FW-1:0] even_addr = ptr_base + ((j_f + F_ONE) >> 1);
    wire [FW-1:0] odd_addr  = ptr_base + (j_f >> 1);
    /* verilator lint_on UNUSEDSIGNAL */

    wire [PB-1:0] even_q;
    wire [PB-1:0] odd_q;
    reg           j_odd;

    eie_rom_sync #(
        .WIDTH(PB), .DEPTH(`EIE_PTR_DEPTH), .ADDR_BITS(PAW),
        .INIT_FILE({MEM_PREFIX, `EIE_FILE_PTR_EVEN})
    ) u_even (
        .clk(clk), .re(pop), .addr(even_addr[PAW-1:0]), .rdata(even_q),
        .we(mw_even_we), .waddr(mw_addr), .wdata(mw_data)
    );

    eie_rom_sync #(
        .WIDTH(PB), .DEPTH(`EIE_PTR_DEPTH), .ADDR_BITS(PAW),
        .INIT_FILE({MEM_PREFIX, `EIE_FILE_PTR_ODD})
    ) u_odd (
        .clk(clk), .re(pop), .addr(odd_addr[PAW-1:0]), .rdata(odd_q),
        .we(mw_odd_we), .waddr(mw_addr), .wdata(mw_data)
    );

    assign col_start = j_odd ? odd_q  : even_q;
    assign col_end   = j_odd ? even_q : odd_q;
    // p[j] != p[j+1] is even_q != odd_q whichever bank holds p[j]: the compare needs no swap mux, one
    // LUT level less between the banks' outputs and pop.
    assign col_same  = (even_q == odd_q);
    assign col_ok    = col_v && !col_same;

    always @(posedge clk) begin
        if (!rst_n) begin
            col_v <= 1'b0;
        end else if (pop) begin
            col_v <= 1'b1;
        end else if (spm_free || !col_ok) begin
            col_v <= 1'b0;
        end
    end

    always @(posedge clk) begin
        if (pop) begin
            j_odd <= head_j[0];
            col_a <= head_a;
        end
    end
endmodule
