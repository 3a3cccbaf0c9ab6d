`include "eie_config.vh"
// Pin wrapper of the PE array for small FPGA packages (`make fpga`, hdl/scripts/fpga.sh). eie_top has
// two EIE_ACT_BITS-bit streams and a 32-bit cycle count: 70+ pins, more than a 48-pin UP5K has (39
// I/O). Here each stream moves one byte per handshake, least significant byte first, and the cycle
// count is read a byte at a time; the load bus (model memories written at run time, docs/axi.md) takes
// its writes from the same input byte stream while `load` is high: 36 pins in all.
//   in_*:  bytes of input activations; every BYTES bytes form one activation for eie_top's LOAD.
//          With load high, bytes of load-bus frames instead: memory id, PE, address (2 bytes), then the
//          data (EIE_LAYER_TABLE_BITS / 8 bytes, least significant first); the write goes to eie_top the
//          cycle after a frame's last byte, and is taken only while the array is idle (busy low). A sparse
//          matrix in SPRAM (spmat_memory: spram) has no initial contents: it must be loaded this way.
//   out_*: bytes of the output stream; each activation is sent as BYTES bytes.
//   cycles_byte = byte cycles_sel of eie_top's cycles output.
// Each direction holds one activation in a shift register, so a byte handshake never waits on the
// array combinationally (in_ready and out_valid are registers or their complements).
module eie_fpga_top (
    input  wire       clk,
    input  wire       rst_n,
    input  wire       start,
    input  wire       load,
    output wire       busy,
    output wire       done,
    input  wire       in_valid,
    output wire       in_ready,
    input  wire [7:0] in_byte,
    output wire       out_valid,
    input  wire       out_ready,
    output wire [7:0] out_byte,
    input  wire [1:0] cycles_sel,
    output wire [7:0] cycles_byte
);
    localparam AB    = `EIE_ACT_BITS;
    localparam BYTES = (AB + 7) / 8;
    localparam SW    = 8 * BYTES;
    localparam integer  LAST_I = BYTES - 1;
    localparam [2:0]    LAST   = LAST_I[2:0];
    localparam [2:0]    ONE    = 1;

    // ---- input: collect BYTES bytes, then offer the activation to the array ----
    // The reset pin through two flip-flops (synchronized to clk; the design's resets are synchronous): the
    // wrapper and the array leave reset two clocks after rst_n rises, and busy is high until then. Without
    // them the pin's input delay and its fan-out to every reset and enable were the UP5K's critical path.
    reg  [1:0] rst_sync;
    wire       rst_q = rst_sync[1];
    always @(posedge clk) rst_sync <= {rst_sync[0], rst_n};
    wire       top_busy;
    assign busy = top_busy || !rst_q;

    reg [SW-1:0] in_sh;
    reg [2:0]    in_cnt;
    reg          in_full;    // in_sh holds a whole activation the array has not taken yet
    wire         a_in_ready;
    assign in_ready = load || !in_full;   // a frame byte is always taken
    wire in_fire = in_valid && !load && !in_full;

    // ---- output: take an activation from the array, then send its BYTES bytes ----
    reg [SW-1:0] out_sh;
    reg [2:0]    out_cnt;
    reg          out_full;   // out_sh holds bytes not yet sent
    wire         a_out_valid;
    wire [AB-1:0] a_out_data;
    assign out_valid = out_full;
    assign out_byte  = out_sh[7:0];
    wire out_fire = out_full && out_ready;
    wire a_out_fire = a_out_valid && !out_full;

    // ---- load-bus frames: {data, addr, pe, mem}, least significant byte first ----
    localparam LTB  = `EIE_LAYER_TABLE_BITS / 8;
    localparam FB   = 8 * (4 + LTB);
    localparam integer  LD_LAST_I = 3 + LTB;
    localparam [5:0]    LD_LAST   = LD_LAST_I[5:0];
    localparam [5:0]    LD_ONE    = 1;
    reg [FB-1:0] ld_sh;
    reg [5:0]    ld_cnt;
    reg          ld_we;
    wire         ld_fire = in_valid && load;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [FB-1:0] frame = ld_sh;   // memory id and PE are bytes; the address field is 16 bits
    wire         mw_ok;        // the host knows: it loads only while busy is low
    /* verilator lint_on UNUSEDSIGNAL */

    wire [31:0] cycles;
    assign cycles_byte = cycles[cycles_sel * 8 +: 8];

    /* verilator lint_off UNUSEDSIGNAL */
    wire [SW-1:0] in_word = in_sh;   // the top SW - AB bits pad the last byte
    /* verilator lint_on UNUSEDSIGNAL */

    eie_top u_top (
        .clk(clk), .rst_n(rst_q), .start(start), .busy(top_busy), .done(done),
        .in_valid(in_full), .in_ready(a_in_ready), .in_data(in_word[AB-1:0]),
        .out_valid(a_out_valid), .out_ready(!out_full), .out_data(a_out_data),
        .cycles(cycles),
        .mw_we(ld_we), .mw_pe(frame[8 +: `EIE_PE_BITS]), .mw_mem(frame[2:0]),
        .mw_addr(frame[16 +: `EIE_MW_ADDR_BITS]), .mw_data(frame[32 +: `EIE_LAYER_TABLE_BITS]), .mw_ok(mw_ok)
    );

    integer b;
    always @(posedge clk) begin
        if (!rst_q) begin
            in_cnt   <= 3'd0;
            in_full  <= 1'b0;
            out_cnt  <= 3'd0;
            out_full <= 1'b0;
            ld_cnt   <= 6'd0;
            ld_we    <= 1'b0;
        end else begin
            ld_we <= ld_fire && ld_cnt == LD_LAST;
            if (ld_fire) ld_cnt <= (ld_cnt == LD_LAST) ? 6'd0 : ld_cnt + LD_ONE;
            // Each frame byte goes straight to its place (not a shift register), so the frame bits
            // eie_top never reads (most of the 32-bit layer-table fields) have no flip-flop.
            for (b = 0; b <= LD_LAST_I; b = b + 1)
                if (ld_fire && ld_cnt == b[5:0]) ld_sh[b * 8 +: 8] <= in_byte;
            if (in_fire) begin
                in_sh  <= {in_byte, in_sh[SW-1:8]};
                in_cnt <= (in_cnt == LAST) ? 3'd0 : in_cnt + ONE;
                if (in_cnt == LAST) in_full <= 1'b1;
            end
            if (in_full && a_in_ready) in_full <= 1'b0;
            if (a_out_fire) begin
                out_sh   <= {{(SW - AB){a_out_data[AB-1]}}, a_out_data};
                out_full <= 1'b1;
                out_cnt  <= 3'd0;
            end
            if (out_fire) begin
                out_sh  <= {8'd0, out_sh[SW-1:8]};
                out_cnt <= out_cnt + ONE;
                if (out_cnt == LAST) out_full <= 1'b0;
            end
        end
    end
endmodule
