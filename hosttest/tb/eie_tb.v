// Icarus Verilog testbench for the generated PE array (out/rtl/eie_top.v).
//
// Compile once per configuration, run in the image directory (memory files are read from
// MEM_DIR, by default the image's mem/ relative to the working directory):
//   cd <rtl> && iverilog -g2012 -DEIEC_TRACE -I . -o <abs>/eie_tb.vvp <abs>/eie_tb.v -c files.f
// (files.f, written with the RTL, lists its sources in compile order relative to <rtl>).
//   cd <image> && vvp -n eie_tb.vvp +in=input.hex +in_words=<total> +runs=<R> [+timeout=<cycles>] [+stall=<seed>]
// input.hex holds the input vectors of all runs back to back, one EIE_ACT_BITS-bit word per line. The
// accelerator is reset once and started R times; each run takes inputs(layer 0) words.
// Output, one line each (parsed by hosttest/Eiec.Tests/Rtl):
//   EIEC_OUT <run> <index> <value>      every element of the output stream, value signed
//   EIEC_CYCLES <run> <cycles>          the cycles output (SCAN + WB cycles) at done
//   EIEC_WB <layer> <pe> <row> <value>  (RTL trace, -DEIEC_TRACE) every written-back row
//   EIEC_LAYER <layer> <scan> <wb>      (RTL trace) cycles of each layer
//   EIEC_END <runs>                     normal end
// With spmat_memory: spram (EIE_SPMAT_SPRAM) the sparse matrix cannot be $readmemh-initialised: after
// reset and INIT the bench writes every PE's sparse-matrix file over the load bus, one word a cycle,
// as a host loading image.bin would, and only then starts the first run.
// Failures end with $fatal(1, "EIEC_ERROR ..."): a missing memory or input file, an unknown (x/z)
// value on any output, a timeout. (vvp exits 0 when $readmemh cannot open a file, and a plain
// $error + $finish exits 0 too, hence the explicit checks.)
// Stimulus is driven from clocked always blocks only (Icarus and Verilator order initial blocks
// that wait on the clock differently).
`timescale 1ns / 1ps
`include "eie_config.vh"
module eie_tb;
    parameter MEM_DIR = "mem/";
    parameter MAX_IN_WORDS = 1 << 20;

    // ---- run-time options ----
    reg [8*4096-1:0] in_file;
    integer in_words;
    integer runs;
    integer timeout;
    integer stall;

    // ---- clock and reset ----
    reg clk = 1'b0;
    always #5 clk = ~clk;
    reg [3:0] rst_count = 4'd0;
    wire rst_n = (rst_count == 4'hf);
    always @(posedge clk) if (!rst_n) rst_count <= rst_count + 4'd1;

    // ---- DUT ----
    reg         start = 1'b0;
    wire        busy;
    wire        done;
    wire        in_valid;
    wire        in_ready;
    wire [`EIE_ACT_BITS-1:0] in_data;
    wire        out_valid;
    wire        out_ready;
    wire [`EIE_ACT_BITS-1:0] out_data;
    wire [31:0] cycles;

    reg                              mw_we = 1'b0;
    wire [`EIE_PE_BITS-1:0]          mw_pe;
    wire [`EIE_MW_ADDR_BITS-1:0]     mw_addr;
    wire [`EIE_LAYER_TABLE_BITS-1:0] mw_data;

    eie_top #(.MEM_DIR(MEM_DIR)) dut (
        .clk(clk), .rst_n(rst_n), .start(start), .busy(busy), .done(done),
        .in_valid(in_valid), .in_ready(in_ready), .in_data(in_data),
        .out_valid(out_valid), .out_ready(out_ready), .out_data(out_data),
        .cycles(cycles),
        // the model comes from the image's $readmemh files, except a sparse matrix in SPRAM (T_LOAD)
        .mw_we(mw_we), .mw_pe(mw_pe), .mw_mem(3'd2), .mw_addr(mw_addr),
        .mw_data(mw_data), .mw_ok()
    );

    // ---- files ----
    reg [`EIE_ACT_BITS-1:0] in_mem [0:MAX_IN_WORDS-1];
`ifdef EIE_SPMAT_SPRAM
    reg [`EIE_WORD_BITS-1:0] spm_file [0:`EIE_PES * `EIE_SPMAT_DEPTH - 1];
    localparam integer LOAD_CYCLES = `EIE_PES * `EIE_SPMAT_DEPTH;   // not counted in +timeout
    integer spm_k = 0;     // the word T_LOAD writes while mw_we: PE spm_k / depth, address spm_k % depth
    assign mw_pe   = spm_k / `EIE_SPMAT_DEPTH;
    assign mw_addr = spm_k % `EIE_SPMAT_DEPTH;
    assign mw_data = {{(`EIE_LAYER_TABLE_BITS - `EIE_WORD_BITS){1'b0}}, spm_file[spm_k]};
`else
    localparam integer LOAD_CYCLES = 0;
    assign mw_pe   = {`EIE_PE_BITS{1'b0}};
    assign mw_addr = {`EIE_MW_ADDR_BITS{1'b0}};
    assign mw_data = {`EIE_LAYER_TABLE_BITS{1'b0}};
`endif
    reg [8*4096-1:0] path;
    integer fd;
    integer k;

    task require_file;
        input [8*4096-1:0] name;
        begin
            fd = $fopen(name, "r");
            if (fd == 0) $fatal(1, "EIEC_ERROR missing file %0s", name);
            $fclose(fd);
        end
    endtask

    initial begin
        if (!$value$plusargs("in=%s", in_file)) in_file = "input.hex";
        if (!$value$plusargs("in_words=%d", in_words)) in_words = 0;
        if (!$value$plusargs("runs=%d", runs)) runs = 1;
        if (!$value$plusargs("timeout=%d", timeout)) timeout = 1000000;
        if (!$value$plusargs("stall=%d", stall)) stall = 0;
        if (in_words > MAX_IN_WORDS)
            $fatal(1, "EIEC_ERROR +in_words=%0d exceeds MAX_IN_WORDS=%0d", in_words, MAX_IN_WORDS);
        require_file({MEM_DIR, `EIE_FILE_LAYERS});
        require_file({MEM_DIR, `EIE_FILE_CODEBOOK});
`ifdef EIE_FILE_OUT_MAP
        require_file({MEM_DIR, `EIE_FILE_OUT_MAP});
`endif
        for (k = 0; k < `EIE_PES; k = k + 1) begin
            $sformat(path, "%0s%0s%03d_%0s", MEM_DIR, `EIE_FILE_PE_PREFIX, k, `EIE_FILE_SPMAT);    require_file(path);
            $sformat(path, "%0s%0s%03d_%0s", MEM_DIR, `EIE_FILE_PE_PREFIX, k, `EIE_FILE_PTR_EVEN); require_file(path);
            $sformat(path, "%0s%0s%03d_%0s", MEM_DIR, `EIE_FILE_PE_PREFIX, k, `EIE_FILE_PTR_ODD);  require_file(path);
            $sformat(path, "%0s%0s%03d_%0s", MEM_DIR, `EIE_FILE_PE_PREFIX, k, `EIE_FILE_BIAS);     require_file(path);
        end
`ifdef EIE_SPMAT_SPRAM
        for (k = 0; k < `EIE_PES; k = k + 1) begin
            $sformat(path, "%0s%0s%03d_%0s", MEM_DIR, `EIE_FILE_PE_PREFIX, k, `EIE_FILE_SPMAT);
            $readmemh(path, spm_file, k * `EIE_SPMAT_DEPTH, (k + 1) * `EIE_SPMAT_DEPTH - 1);
        end
`endif
        if (in_words > 0) begin
            require_file(in_file);
            $readmemh(in_file, in_mem, 0, in_words - 1);
        end
    end

    // ---- stimulus and checks, all on the clock ----
    localparam [2:0] T_RESET = 3'd0, T_WAIT = 3'd1, T_RUN = 3'd2, T_END = 3'd3, T_LOAD = 3'd4;
    reg [2:0]  tstate = T_RESET;
    integer    tick = 0;
    integer    run = 0;
    integer    in_ptr = 0;
    integer    out_idx = 0;
    reg [15:0] lfsr = 16'hace1;

    // Optional back-pressure (+stall=<seed>, non-zero): in_valid and out_ready drop pseudo-randomly.
    wire gate_in  = (stall == 0) || lfsr[0] || lfsr[3];
    wire gate_out = (stall == 0) || lfsr[1] || lfsr[5];

    assign in_valid  = (tstate == T_RUN) && (in_ptr < in_words) && gate_in;
    assign in_data   = in_mem[in_ptr];
    assign out_ready = (tstate == T_RUN) && gate_out;

    always @(posedge clk) begin
        tick <= tick + 1;
        if (tick == 0 && stall != 0) lfsr <= stall[15:0] | 16'h0001;
        else lfsr <= {lfsr[14:0], lfsr[15] ^ lfsr[13] ^ lfsr[12] ^ lfsr[10]};
        if (tick > timeout + LOAD_CYCLES)
            $fatal(1, "EIEC_ERROR timeout after %0d cycles: run %0d, %0d inputs sent, %0d outputs received, busy %b",
                   tick, run, in_ptr, out_idx, busy);
        // One signal per $isunknown: Icarus 11 reports 1 for some concatenations of known bits.
        if (rst_n && ($isunknown(busy) || $isunknown(done) || $isunknown(in_ready) || $isunknown(out_valid)))
            $fatal(1, "EIEC_ERROR unknown control output at cycle %0d: busy %b done %b in_ready %b out_valid %b",
                   tick, busy, done, in_ready, out_valid);
        if (in_valid && in_ready) in_ptr <= in_ptr + 1;
        if (out_valid && out_ready) begin
            if ($isunknown(out_data))
                $fatal(1, "EIEC_ERROR unknown out_data %b: run %0d index %0d", out_data, run, out_idx);
            $display("EIEC_OUT %0d %0d %0d", run, out_idx, $signed(out_data));
            out_idx <= out_idx + 1;
        end
        case (tstate)
`ifdef EIE_SPMAT_SPRAM
            T_RESET: if (rst_n) tstate <= T_LOAD;
            T_LOAD: begin
                // Wait for INIT to end (busy falls), then one write a cycle; the array takes it in IDLE.
                if (!busy) begin
                    if (!mw_we) mw_we <= 1'b1;
                    else if (spm_k + 1 == `EIE_PES * `EIE_SPMAT_DEPTH) begin
                        mw_we  <= 1'b0;
                        tstate <= T_WAIT;
                    end else spm_k <= spm_k + 1;
                end
            end
`else
            T_RESET: if (rst_n) tstate <= T_WAIT;
`endif
            T_WAIT: begin
                if (!busy) begin
                    start   <= 1'b1;
                    out_idx <= 0;
                    tstate  <= T_RUN;
                end
            end
            T_RUN: begin
                start <= 1'b0;
                if (done) begin
                    if ($isunknown(cycles))
                        $fatal(1, "EIEC_ERROR unknown cycles %b: run %0d", cycles, run);
                    $display("EIEC_CYCLES %0d %0d", run, cycles);
                    run <= run + 1;
                    tstate <= (run + 1 == runs) ? T_END : T_WAIT;
                end
            end
            default: begin
                $display("EIEC_END %0d", runs);
                $finish;
            end
        endcase
    end
endmodule
