// Simple dual-port RAM: one synchronous read port, one synchronous write port.
// Written in the shape vendor tools infer as block RAM. The read output register holds its value
// in cycles without a read (docs/microarchitecture.md, "All SRAMs are synchronous").
// A read in the cycle of a write to the same address returns the old data in simulation, but the
// design never uses such a read: the accumulator's only collision is E3 reading the row E4 writes,
// and the next cycle takes the bypass instead; the activation buffers are never read and written
// in one cycle. no_rw_check tells Yosys so: without it, Yosys emulates read-first on an iCE40 block
// RAM with a register and a compare-and-select after RDATA (issue 10: about 80 logic cells per
// 36-bit accumulator, and a LUT level on the accumulate path).
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
    (* no_rw_check *)
    reg [WIDTH-1:0] mem [0:DEPTH-1];

    always @(posedge clk) begin
        if (we) mem[waddr] <= wdata;
        if (re) rdata <= mem[raddr];
    end
endmodule
