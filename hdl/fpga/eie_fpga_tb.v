// By-hand Icarus check of the pin wrapper eie_fpga_top (docs/rtl.md, iCE40): reset, load every PE's
// sparse matrix through the wrapper's load-bus frames (load pin high; what an SPRAM build needs before
// its first run), one inference over the byte streams, and the results printed as eie_tb.v prints them
// (EIEC_OUT 0 <index> <value>), so the two benches' outputs can be compared with diff; after done, the
// cycle count read byte by byte through cycles_sel/cycles_byte (EIEC_CYCLES 0 <n>), then EIEC_END. Run in
// the image directory (mem/ and input.hex, one 16-bit hex word per line):
//   iverilog -g2012 -I rtl -o fpga_tb.vvp hdl/fpga/eie_fpga_tb.v $(sources of rtl/files.f) hdl/fpga/eie_fpga_top.v
//   vvp -n fpga_tb.vvp +in_words=64 +out_words=10
// Optional: +in=FILE (default input.hex); +spm_dir=DIR (default mem), where the frames' sparse-matrix words
// are read from (RtlFpgaWrapperTests zeroes mem/'s so only the frames can supply the matrix).
`timescale 1ns / 1ps
`include "eie_config.vh"
module eie_fpga_tb;
    localparam DEPTH = `EIE_SPMAT_DEPTH;
    localparam LTB   = `EIE_LAYER_TABLE_BITS / 8;
    reg clk = 1'b0;
    always #5 clk = ~clk;
    reg       rst_n = 1'b0, start = 1'b0, load = 1'b0, in_valid = 1'b0, out_ready = 1'b1;
    reg [7:0] in_byte = 8'd0;
    reg [1:0] cycles_sel = 2'd0;
    reg [31:0] cyc;
    wire      busy, done, in_ready, out_valid;
    wire [7:0] out_byte, cycles_byte;
    eie_fpga_top dut (
        .clk(clk), .rst_n(rst_n), .start(start), .load(load), .busy(busy), .done(done),
        .in_valid(in_valid), .in_ready(in_ready), .in_byte(in_byte),
        .out_valid(out_valid), .out_ready(out_ready), .out_byte(out_byte),
        .cycles_sel(cycles_sel), .cycles_byte(cycles_byte)
    );
    reg [`EIE_WORD_BITS-1:0] spm [0:`EIE_PES * DEPTH - 1];
    reg [15:0] inp [0:4095];
    reg [8*256-1:0] path, in_file, spm_dir;
    integer k, a, b, n, in_words, out_words;
    reg [7:0] lo;

    task send(input [7:0] v);
        begin
            in_byte = v; in_valid = 1'b1;
            @(posedge clk);
            while (!in_ready) @(posedge clk);
            #1 in_valid = 1'b0;
        end
    endtask

    initial begin
        if (!$value$plusargs("in_words=%d", in_words)) in_words = 64;
        if (!$value$plusargs("out_words=%d", out_words)) out_words = 10;
        if (!$value$plusargs("in=%s", in_file)) in_file = "input.hex";
        if (!$value$plusargs("spm_dir=%s", spm_dir)) spm_dir = "mem";
        for (k = 0; k < `EIE_PES; k = k + 1) begin
            $sformat(path, "%0s/%0s%03d_%0s", spm_dir, `EIE_FILE_PE_PREFIX, k, `EIE_FILE_SPMAT);
            $readmemh(path, spm, k * DEPTH, (k + 1) * DEPTH - 1);
        end
        $readmemh(in_file, inp, 0, in_words - 1);
        repeat (4) @(posedge clk);
        #1 rst_n = 1'b1;
        @(posedge clk);
        #1 while (busy) @(posedge clk);   // busy until the wrapper's synchronized reset is released
        #1 load = 1'b1;
        // frame: memory id 2 (sparse matrix), PE, address (2 bytes), data (LTB bytes)
        for (k = 0; k < `EIE_PES; k = k + 1)
            for (a = 0; a < DEPTH; a = a + 1) begin
                send(8'd2); send(k[7:0]); send(a[7:0]); send(a[15:8]);
                for (b = 0; b < LTB; b = b + 1)
                    send(8 * b < `EIE_WORD_BITS ? spm[k * DEPTH + a] >> (8 * b) : 8'd0);
            end
        @(posedge clk);
        #1 load = 1'b0; start = 1'b1;
        @(posedge clk);
        #1 start = 1'b0;
        for (k = 0; k < in_words; k = k + 1) begin send(inp[k][7:0]); send(inp[k][15:8]); end
        n = 0;
        while (n < 2 * out_words) begin
            @(posedge clk);
            if (out_valid && out_ready) begin
                if (n % 2 == 0) lo = out_byte;
                else $display("EIEC_OUT 0 %0d %0d", n / 2, $signed({out_byte, lo}));
                n = n + 1;
            end
        end
        while (!done) @(posedge clk);
        for (k = 0; k < 4; k = k + 1) begin
            #1 cycles_sel = k[1:0];
            #1 cyc[8 * k +: 8] = cycles_byte;
        end
        $display("EIEC_CYCLES 0 %0d", cyc);
        $display("EIEC_END");
        $finish;
    end
endmodule
