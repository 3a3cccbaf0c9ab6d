// Small memory read combinationally (the layer table and the codebook: both are "read
// combinationally" in docs/microarchitecture.md), with a synchronous host write port (the load
// bus, docs/axi.md) used only while the array is idle. Unless EIE_NO_MEM_INIT is defined, the
// contents start as the build's $readmemh file. Vendor tools build it from LUTs (distributed RAM).
module eie_rom_comb #(
    parameter WIDTH     = 16,
    parameter DEPTH     = 16,
    parameter ADDR_BITS = 4,
    parameter INIT_FILE = "rom.hex"
) (
    input  wire                 clk,
    input  wire [ADDR_BITS-1:0] addr,
    output wire [WIDTH-1:0]     rdata,
    output wire [WIDTH-1:0]     rdata0,   // word 0, a second read port at a fixed address
    input  wire                 we,
    input  wire [ADDR_BITS-1:0] waddr,
    input  wire [WIDTH-1:0]     wdata
);
    reg [WIDTH-1:0] mem [0:DEPTH-1];

`ifndef EIE_NO_MEM_INIT
    initial $readmemh(INIT_FILE, mem);
`endif

    always @(posedge clk) begin
        if (we) mem[waddr] <= wdata;
    end

    assign rdata  = mem[addr];
    assign rdata0 = mem[0];
endmodule
