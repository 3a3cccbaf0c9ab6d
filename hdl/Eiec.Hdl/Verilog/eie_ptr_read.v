`include "eie_config.vh"
// Pointer read unit (docs/microarchitecture.md, SCAN: processing element, step 2).
// pop = (!col_v || spm_take) && queue non-empty. A pop removes the queue head (j, a) and reads
// both pointer banks in the same cycle:
//   j even: p[j] = even[ptr_base + j/2],     p[j+1] = odd[ptr_base + j/2]
//   j odd:  p[j] = odd[ptr_base + (j-1)/2],  p[j+1] = even[ptr_base + (j+1)/2]
// so the even bank is read at ptr_base + (j+1)/2 and the odd bank at ptr_base + j/2 (floor).
// Next cycle col = {1, p[j], p[j+1], a}: col_start/col_end are the banks' output registers,
// swapped by the registered parity of j. Else if spm_take, col_v <- 0.
module eie_ptr_read #(
    parameter MEM_PREFIX = "mem/pe000_"
) (
    input  wire                        clk,
    input  wire                        rst_n,
    input  wire [31:0]                 ptr_base,
    input  wire                        spm_take,
    input  wire                        q_nonempty,
    input  wire [`EIE_COL_BITS-1:0]     head_j,
    input  wire [15:0]                 head_a,
    output wire                        pop,
    output reg                         col_v,
    output wire [`EIE_POINTER_BITS-1:0] col_start,
    output wire [`EIE_POINTER_BITS-1:0] col_end,
    output reg  [15:0]                 col_a
);
    localparam CW  = `EIE_COL_BITS;
    localparam PB  = `EIE_POINTER_BITS;
    localparam PAW = `EIE_PTR_ADDR_BITS;

    assign pop = (!col_v || spm_take) && q_nonempty;

    // Address arithmetic at the layer table's 32-bit field width, truncated to the bank's
    // address width; the compiler guarantees every pointer address is inside the bank.
    /* verilator lint_off UNUSEDSIGNAL */
    wire [31:0] j32       = {{(32 - CW){1'b0}}, head_j};
    wire [31:0] even_addr = ptr_base + ((j32 + 32'd1) >> 1);
    wire [31:0] odd_addr  = ptr_base + (j32 >> 1);
    /* verilator lint_on UNUSEDSIGNAL */

    wire [PB-1:0] even_q;
    wire [PB-1:0] odd_q;
    reg           j_odd;

    eie_rom_sync #(
        .WIDTH(PB), .DEPTH(`EIE_PTR_DEPTH), .ADDR_BITS(PAW),
        .INIT_FILE({MEM_PREFIX, `EIE_FILE_PTR_EVEN})
    ) u_even (
        .clk(clk), .re(pop), .addr(even_addr[PAW-1:0]), .rdata(even_q)
    );

    eie_rom_sync #(
        .WIDTH(PB), .DEPTH(`EIE_PTR_DEPTH), .ADDR_BITS(PAW),
        .INIT_FILE({MEM_PREFIX, `EIE_FILE_PTR_ODD})
    ) u_odd (
        .clk(clk), .re(pop), .addr(odd_addr[PAW-1:0]), .rdata(odd_q)
    );

    assign col_start = j_odd ? odd_q  : even_q;
    assign col_end   = j_odd ? even_q : odd_q;

    always @(posedge clk) begin
        if (!rst_n) begin
            col_v <= 1'b0;
        end else if (pop) begin
            col_v <= 1'b1;
        end else if (spm_take) begin
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
