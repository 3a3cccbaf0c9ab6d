// Simple dual-port RAM: one synchronous read port, one synchronous write port.
// Written in the shape vendor tools infer as block RAM. A read returns the data stored before
// a write to the same address in the same cycle (read-first); the read output register holds
// its value in cycles without a read (docs/microarchitecture.md, "All SRAMs are synchronous").
module eie_sram_1r1w #(
    parameter WIDTH     = 16,
    parameter DEPTH     = 16,
    parameter ADDR_BITS = 4
) (
    input  wire                 clk,
    input  wire                 we,
    input  wire [ADDR_BITS-1:0] waddr,
    input  wire [WIDTH-1:0]     wdata,
    input  wire                 re,
    input  wire [ADDR_BITS-1:0] raddr,
    output reg  [WIDTH-1:0]     rdata
);
    reg [WIDTH-1:0] mem [0:DEPTH-1];

    always @(posedge clk) begin
        if (we) mem[waddr] <= wdata;
        if (re) rdata <= mem[raddr];
    end
endmodule
