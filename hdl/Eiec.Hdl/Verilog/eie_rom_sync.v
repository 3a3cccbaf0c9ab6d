// Model memory with a synchronous read port and an output register that holds its value in
// cycles without a read, plus a host write port (the load bus, docs/axi.md): the model is loaded
// at run time, so one bitstream runs any model that fits the configuration. The write port is
// used only while the array is idle (eie_top gates it), so it never meets a read of the same
// word. Unless EIE_NO_MEM_INIT is defined, the contents start as the build's $readmemh file
// (one word per line), which keeps a build's RTL self-contained. Vendor tools infer block RAM.
module eie_rom_sync #(
    parameter WIDTH     = 16,
    parameter DEPTH     = 16,
    parameter ADDR_BITS = 4,
    parameter INIT_FILE = "rom.hex"
) (
    input  wire                 clk,
    input  wire                 re,
    input  wire [ADDR_BITS-1:0] addr,
    output reg  [WIDTH-1:0]     rdata,
    input  wire                 we,
    input  wire [ADDR_BITS-1:0] waddr,
    input  wire [WIDTH-1:0]     wdata
);
    // The paper's pointer, sparse-matrix and bias memories are SRAMs: ask for block RAM even
    // where a tool would pick LUTs for a memory this size. The write port never meets a read of
    // the same word (above), so Yosys need not emulate read-first (no_rw_check; see eie_sram_1r1w).
    (* ram_style = "block", no_rw_check *)
    reg [WIDTH-1:0] mem [0:DEPTH-1];

`ifndef EIE_NO_MEM_INIT
    initial $readmemh(INIT_FILE, mem);
`endif

    always @(posedge clk) begin
        if (we) mem[waddr] <= wdata;
        if (re) rdata <= mem[addr];
    end
endmodule
