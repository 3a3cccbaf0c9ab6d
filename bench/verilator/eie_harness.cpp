// Verilator harness for the generated PE array (eie_top), used by bench/rtl-vs-sim.sh.
//
// hosttest/tb/eie_tb.v (the Icarus testbench) does not build under Verilator 5.006: its 32768-bit
// file-name strings exceed Verilator's 8192-bit limit for $display-like arguments. This harness
// drives eie_top the same way, with the same plusargs and the same output lines, so one parser
// checks both simulators:
//   reset (rst_n low for 15 cycles), wait for busy to fall, a one-cycle start pulse, stream the
//   inputs (in_valid while words remain, one per in_valid && in_ready), out_ready held high,
//   print each accepted output, and at done print the cycles output; repeat for each run.
//
// Build (from bench/rtl-vs-sim.sh):
//   verilator --cc --exe --build -O3 --x-assign fast --x-initial fast --top-module eie_top \
//     -I<rtl> <rtl>/*.v bench/verilator/eie_harness.cpp -o eie_vsim
// Run in the image directory (eie_top reads mem/*.hex relative to the working directory):
//   eie_vsim +in=input.hex +in_words=<total words> [+runs=<R>] [+timeout=<cycles>]
// Output: EIEC_OUT <run> <index> <value>, EIEC_CYCLES <run> <cycles>, EIEC_END <runs>;
// failures print EIEC_ERROR ... and exit 1. On stderr, EIEC_TIME load <s> simulate <s>: load is
// reading input.hex, constructing the model and its first eval (the initial blocks: $readmemh of
// every mem/*.hex), simulate is the clocked loop, clocks the rising edges it applied (reset, INIT,
// LOAD, SCAN, WB and OUT: more than the `cycles` output, which counts SCAN and WB only), scanwb the
// part of simulate from the last input accepted to the first output (the SCAN and WB clocks).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "Veie_top.h"
#include "verilated.h"

static const char* plusarg(int argc, char** argv, const char* name) {
    size_t n = std::strlen(name);
    for (int i = 1; i < argc; ++i)
        if (argv[i][0] == '+' && std::strncmp(argv[i] + 1, name, n) == 0 && argv[i][1 + n] == '=')
            return argv[i] + 2 + n;
    return nullptr;
}

[[noreturn]] static void fail(const char* what, long a = 0, long b = 0) {
    std::printf("EIEC_ERROR %s %ld %ld\n", what, a, b);
    std::fflush(stdout);
    std::exit(1);
}

int main(int argc, char** argv) {
    const char* in_file = plusarg(argc, argv, "in");
    const char* s = plusarg(argc, argv, "in_words");
    long in_words = s ? std::atol(s) : 0;
    s = plusarg(argc, argv, "runs");
    long runs = s ? std::atol(s) : 1;
    s = plusarg(argc, argv, "timeout");
    long timeout = s ? std::atol(s) : 1000000;

    // Input words: one 16-bit hex word per line, like $readmemh of the testbench.
    auto t0 = std::chrono::steady_clock::now();
    std::vector<uint16_t> in(in_words);
    if (in_words > 0) {
        FILE* f = std::fopen(in_file ? in_file : "input.hex", "r");
        if (!f) fail("missing input file");
        for (long i = 0; i < in_words; ++i) {
            unsigned v;
            if (std::fscanf(f, "%x", &v) != 1) fail("input file too short: words read, expected", i, in_words);
            in[i] = static_cast<uint16_t>(v);
        }
        std::fclose(f);
    }

    auto ctx = std::make_unique<VerilatedContext>();
    ctx->commandArgs(argc, argv);
    auto top = std::make_unique<Veie_top>(ctx.get());

    long tick = 0, run = 0, in_ptr = 0, out_idx = 0;
    const long per_run = runs > 0 && in_words >= runs ? in_words / runs : 1;
    double scanwb = 0;
    auto t_loaded = std::chrono::steady_clock::now();
    int rst_count = 0;
    enum { T_RESET, T_WAIT, T_RUN } state = T_RESET;
    top->clk = 0;
    top->start = 0;
    top->rst_n = 0;
    top->eval();  // initial blocks: $readmemh
    auto t1 = std::chrono::steady_clock::now();
    while (run < runs) {
        // Drive the inputs for this cycle, settle, sample what the rising edge will see.
        top->clk = 0;
        top->rst_n = rst_count == 15;
        top->in_valid = state == T_RUN && in_ptr < in_words;
        top->in_data = in_ptr < in_words ? in[in_ptr] : 0;
        top->out_ready = state == T_RUN;
        top->eval();
        bool in_fire = top->in_valid && top->in_ready;
        bool out_fire = top->out_valid && top->out_ready;
        bool done = top->done;
        bool busy = top->busy;
        uint16_t out_data = top->out_data;
        uint32_t cycles = top->cycles;
        // Rising edge.
        top->clk = 1;
        top->eval();
        // Harness registers, updated with the pre-edge values (as the Verilog testbench's always block).
        if (++tick > timeout) fail("timeout: cycles, inputs sent", tick, in_ptr);
        if (rst_count < 15) ++rst_count;
        if (in_fire && ++in_ptr % per_run == 0) t_loaded = std::chrono::steady_clock::now();
        if (out_fire && out_idx == 0)
            scanwb += std::chrono::duration<double>(std::chrono::steady_clock::now() - t_loaded).count();
        if (out_fire) std::printf("EIEC_OUT %ld %ld %d\n", run, out_idx++, static_cast<int16_t>(out_data));
        switch (state) {
        case T_RESET:
            if (rst_count == 15 && top->rst_n) state = T_WAIT;
            break;
        case T_WAIT:
            if (!busy) { top->start = 1; out_idx = 0; state = T_RUN; }
            break;
        case T_RUN:
            top->start = 0;
            if (done) {
                std::printf("EIEC_CYCLES %ld %u\n", run, cycles);
                ++run;
                state = T_WAIT;
            }
            break;
        }
    }
    std::printf("EIEC_END %ld\n", runs);
    top->final();
    auto t2 = std::chrono::steady_clock::now();
    std::fflush(stdout);  // keep the stderr line whole when both go to one file
    std::fprintf(stderr, "EIEC_TIME load %.3f simulate %.3f clocks %ld scanwb %.3f\n",
                 std::chrono::duration<double>(t1 - t0).count(), std::chrono::duration<double>(t2 - t1).count(),
                 tick, scanwb);
    return 0;
}
