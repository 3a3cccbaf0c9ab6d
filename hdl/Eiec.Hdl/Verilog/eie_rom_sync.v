// Read-only memory with a synchronous read port and an output register that holds its value in
// cycles without a read. Contents come from a $readmemh file (one word per line). Vendor tools
// infer block RAM initialised from the file.
module eie_rom_sync #(
    parameter WIDTH     = 16,
    parameter DEPTH     = 16,
    parameter ADDR_BITS = 4,
    parameter INIT_FILE = "rom.hex"
) (
    input  wire                 clk,
    input  wire                 re,
    input  wire [ADDR_BITS-1:0] addr,
    output reg  [WIDTH-1:0]     rdata
);
    // The paper's pointer, sparse-matrix and bias memories are SRAMs: ask for block RAM even
    // where a tool would pick LUTs for a ROM this size (Vivado and Yosys honour rom_style).
    (* rom_style = "block" *)
    reg [WIDTH-1:0] mem [0:DEPTH-1];

    initial $readmemh(INIT_FILE, mem);

    always @(posedge clk) begin
        if (re) rdata <= mem[addr];
    end
endmodule
