`include "eie_config.vh"
// Pin wrapper of the PE array for small FPGA packages (`make fpga`, hdl/scripts/fpga.sh). eie_top has
// two EIE_ACT_BITS-bit streams and a 32-bit cycle count: 70+ pins, more than a 48-pin UP5K has (39
// I/O). Here each stream moves one byte per handshake, least significant byte first, and the cycle
// count is read a byte at a time: 35 pins in all.
//   in_*:  bytes of input activations; every BYTES bytes form one activation for eie_top's LOAD.
//   out_*: bytes of the output stream; each activation is sent as BYTES bytes.
//   cycles_byte = byte cycles_sel of eie_top's cycles output.
// Each direction holds one activation in a shift register, so a byte handshake never waits on the
// array combinationally (in_ready and out_valid are registers or their complements).
module eie_fpga_top (
    input  wire       clk,
    input  wire       rst_n,
    input  wire       start,
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
    reg [SW-1:0] in_sh;
    reg [2:0]    in_cnt;
    reg          in_full;    // in_sh holds a whole activation the array has not taken yet
    wire         a_in_ready;
    assign in_ready = !in_full;
    wire in_fire = in_valid && !in_full;

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

    wire [31:0] cycles;
    assign cycles_byte = cycles[cycles_sel * 8 +: 8];

    /* verilator lint_off UNUSEDSIGNAL */
    wire [SW-1:0] in_word = in_sh;   // the top SW - AB bits pad the last byte
    /* verilator lint_on UNUSEDSIGNAL */

    eie_top u_top (
        .clk(clk), .rst_n(rst_n), .start(start), .busy(busy), .done(done),
        .in_valid(in_full), .in_ready(a_in_ready), .in_data(in_word[AB-1:0]),
        .out_valid(a_out_valid), .out_ready(!out_full), .out_data(a_out_data),
        .cycles(cycles)
    );

    always @(posedge clk) begin
        if (!rst_n) begin
            in_cnt   <= 3'd0;
            in_full  <= 1'b0;
            out_cnt  <= 3'd0;
            out_full <= 1'b0;
        end else begin
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
