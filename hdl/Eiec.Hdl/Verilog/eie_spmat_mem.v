`include "eie_config.vh"
// The sparse-matrix memory of one PE: eie_rom_sync (block RAM, $readmemh contents) unless the
// configuration says spmat_memory: spram (EIE_SPMAT_SPRAM), then iCE40 UltraPlus SPRAMs
// (SB_SPRAM256KA, 16K x 16 each): WIDTH / 16 side by side, enough banks of 16K words for DEPTH.
// An SPRAM is single-port and cannot be initialised: the model is written over the load bus while the
// array is idle (docs/axi.md), so the write address takes the one port then; the read output holds its
// value in cycles without a read (chip select low), as eie_rom_sync's does. A write leaves the output
// unknown (as the SPRAM's simulation model does); a load over the load bus is safe in any IDLE, since
// the sparse-matrix read unit drops its held word on every write (eie_spmat_read) and so reads a word
// before it uses one after a load.
// Under synthesis (Yosys defines SYNTHESIS) the SPRAMs are instantiated; simulators and lint use a
// behavioural model of the same single-port behaviour.
module eie_spmat_mem #(
    parameter WIDTH     = 16,
    parameter DEPTH     = 16,
    parameter ADDR_BITS = 4,
    // No initial contents in an SPRAM: INIT_FILE is used only with block RAM.
    /* verilator lint_off UNUSEDPARAM */
    parameter INIT_FILE = "rom.hex"
    /* verilator lint_on UNUSEDPARAM */
) (
    input  wire                 clk,
    input  wire                 re,
    input  wire [ADDR_BITS-1:0] addr,
    output wire [WIDTH-1:0]     rdata,
    input  wire                 we,
    input  wire [ADDR_BITS-1:0] waddr,
    input  wire [WIDTH-1:0]     wdata
);
`ifndef EIE_SPMAT_SPRAM
    eie_rom_sync #(
        .WIDTH(WIDTH), .DEPTH(DEPTH), .ADDR_BITS(ADDR_BITS), .INIT_FILE(INIT_FILE)
    ) u_mem (
        .clk(clk), .re(re), .addr(addr), .rdata(rdata), .we(we), .waddr(waddr), .wdata(wdata)
    );
`else
    localparam SW    = 16;                      // SB_SPRAM256KA: 16K words of 16 bits
    localparam SAW   = 14;
    localparam COLS  = WIDTH / SW;
    localparam BANKS = (DEPTH + (1 << SAW) - 1) >> SAW;
    localparam BB    = ADDR_BITS > SAW ? ADDR_BITS - SAW : 1;   // bank-select bits (at least 1)

    // One address for both: a write only while idle, a read only while running.
    wire [ADDR_BITS-1:0] a = we ? waddr : addr;
    wire [SAW-1:0]       a_low;
    wire [BB-1:0]        a_bank;
    generate
        if (ADDR_BITS > SAW) begin : g_wide
            assign a_low  = a[SAW-1:0];
            assign a_bank = a[ADDR_BITS-1:SAW];
        end else begin : g_narrow
            assign a_low  = {{(SAW - ADDR_BITS){1'b0}}, a};
            assign a_bank = {BB{1'b0}};
        end
    endgenerate

    // The bank whose output rdata shows: the bank of the last read (held like the data).
    reg  [BB-1:0]          bank_q;
    wire [BANKS*WIDTH-1:0] bank_out;
    always @(posedge clk) if (re && !we) bank_q <= a_bank;
    assign rdata = bank_out[bank_q * WIDTH +: WIDTH];

    genvar b, c;
    generate
        for (b = 0; b < BANKS; b = b + 1) begin : g_bank
            wire cs = (re || we) && (a_bank == b);
            for (c = 0; c < COLS; c = c + 1) begin : g_col
`ifdef SYNTHESIS
                SB_SPRAM256KA u_spram (
                    .ADDRESS(a_low), .DATAIN(wdata[c*SW +: SW]), .MASKWREN(4'b1111), .WREN(we),
                    .CHIPSELECT(cs), .CLOCK(clk), .STANDBY(1'b0), .SLEEP(1'b0), .POWEROFF(1'b1),
                    .DATAOUT(bank_out[b*WIDTH + c*SW +: SW])
                );
`else
                reg [SW-1:0] mem [0:(1 << SAW) - 1];
                reg [SW-1:0] q;
                always @(posedge clk) begin
                    if (cs) begin
                        if (we) begin
                            mem[a_low] <= wdata[c*SW +: SW];
                            q          <= {SW{1'bx}};
                        end else begin
                            q <= mem[a_low];
                        end
                    end
                end
                assign bank_out[b*WIDTH + c*SW +: SW] = q;
`endif
            end
        end
    endgenerate
`endif
endmodule
