// Small read-only memory read combinationally (the layer table and the codebook ROM: both are
// "read combinationally" in docs/microarchitecture.md). Contents come from a $readmemh file.
// Vendor tools build it from LUTs (distributed ROM).
module eie_rom_comb #(
    parameter WIDTH     = 16,
    parameter DEPTH     = 16,
    parameter ADDR_BITS = 4,
    parameter INIT_FILE = "rom.hex"
) (
    input  wire [ADDR_BITS-1:0] addr,
    output wire [WIDTH-1:0]     rdata
);
    reg [WIDTH-1:0] mem [0:DEPTH-1];

    initial $readmemh(INIT_FILE, mem);

    assign rdata = mem[addr];
endmodule
