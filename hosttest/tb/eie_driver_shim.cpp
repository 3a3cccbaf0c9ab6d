// Runs the C host driver (hdl/driver/eie_driver.c) against Verilator's C++ model of eie_axi_top: the
// driver's MMIO and stream callbacks become AXI4-Lite transactions and AXI4-Stream beats on the model.
//   eie_driver_sim <imageA.bin> <inputsA.bin> <nA> <imageB.bin> <inputsB.bin> <nB> [<bad.bin>...]
// Inputs are raw little-endian int16 vectors back to back. Loads A and runs its vectors, loads B into
// the same design and runs its vectors, then tries each bad image (it must be refused with nothing
// written: B's first vector is run again after each and must give the same result).
// Output: OUT <model> <vector> <index> <value>, REFUSED <code> <message>, STATUS <vectors> <error>, END.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <vector>

#include "Veie_axi_top.h"
#include "verilated.h"

extern "C" {
#include "eie_driver.h"
}

namespace {

struct Shim {
    std::unique_ptr<Veie_axi_top> top{new Veie_axi_top};
    std::deque<std::pair<uint64_t, bool>> in;     // beats waiting to be sent
    std::deque<std::pair<uint64_t, bool>> out;    // beats received
    long cycles = 0;

    void tick() {
        auto& t = *top;
        t.s_axis_tvalid = !in.empty();
        if (!in.empty()) {
            t.s_axis_tdata = in.front().first;
            t.s_axis_tlast = in.front().second;
        }
        t.m_axis_tready = 1;
        t.s_axil_bready = 1;
        t.s_axil_rready = 1;
        t.aclk = 0;
        t.eval();
        bool in_fire = t.s_axis_tvalid && t.s_axis_tready;
        bool out_fire = t.m_axis_tvalid && t.m_axis_tready;
        uint64_t out_data = t.m_axis_tdata;
        bool out_last = t.m_axis_tlast;
        t.aclk = 1;
        t.eval();
        if (in_fire) in.pop_front();
        if (out_fire) out.emplace_back(out_data, out_last);
        if (++cycles > 50000000) {
            std::printf("EIEC_ERROR timeout\n");
            std::exit(1);
        }
    }
};

Shim* shim;

uint32_t mmio_read(void*, uint32_t offset) {
    auto& t = *shim->top;
    t.s_axil_araddr = offset;
    t.s_axil_arvalid = 1;
    for (;;) {
        t.aclk = 0;
        t.eval();
        bool ready = t.s_axil_arready;
        shim->tick();
        if (ready) break;
    }
    t.s_axil_arvalid = 0;
    while (!t.s_axil_rvalid) shim->tick();
    uint32_t value = t.s_axil_rdata;
    shim->tick();
    return value;
}

void mmio_write(void*, uint32_t offset, uint32_t value) {
    auto& t = *shim->top;
    t.s_axil_awaddr = offset;
    t.s_axil_wdata = value;
    t.s_axil_wstrb = 0xF;
    t.s_axil_awvalid = 1;
    t.s_axil_wvalid = 1;
    for (;;) {
        t.aclk = 0;
        t.eval();
        bool ready = t.s_axil_awready && t.s_axil_wready;
        shim->tick();
        if (ready) break;
    }
    t.s_axil_awvalid = 0;
    t.s_axil_wvalid = 0;
    while (t.s_axil_bvalid) shim->tick();
}

// Beat bytes: the model's TDATA type is 32 or 64 bits wide as the configuration's stream_bits says.
constexpr size_t kBeat = sizeof(Veie_axi_top::s_axis_tdata);

int stream_send(void*, const uint8_t* data, size_t bytes) {
    for (size_t at = 0; at < bytes; at += kBeat) {
        uint64_t beat = 0;
        for (size_t b = 0; b < kBeat; b++) beat |= (uint64_t)data[at + b] << (8 * b);
        shim->in.emplace_back(beat, at + kBeat >= bytes);
    }
    return 0;
}

long stream_receive(void*, uint8_t* data, size_t bytes) {
    size_t got = 0;
    for (;;) {
        while (shim->out.empty()) shim->tick();
        auto [beat, last] = shim->out.front();
        shim->out.pop_front();
        for (size_t b = 0; b < kBeat; b++, got++)
            if (got < bytes) data[got] = (uint8_t)(beat >> (8 * b));
        if (last) return got <= bytes ? (long)got : -1;
    }
}

std::vector<uint8_t> read_file(const char* path) {
    std::FILE* f = std::fopen(path, "rb");
    if (!f) {
        std::printf("EIEC_ERROR cannot open %s\n", path);
        std::exit(1);
    }
    std::vector<uint8_t> bytes;
    uint8_t buffer[65536];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) bytes.insert(bytes.end(), buffer, buffer + n);
    std::fclose(f);
    return bytes;
}

void run_model(const eie_dev& dev, const char* name, const char* image_path, const char* input_path, int n) {
    auto image = read_file(image_path);
    auto raw = read_file(input_path);
    eie_image_info info;
    char err[256];
    if (eie_load(&dev, image.data(), image.size(), &info, err, sizeof err) != EIE_OK) {
        std::printf("EIEC_ERROR load %s: %s\n", name, err);
        std::exit(1);
    }
    std::vector<int16_t> in(raw.size() / 2), out((size_t)n * info.outputs);
    for (size_t i = 0; i < in.size(); i++) in[i] = (int16_t)(raw[2 * i] | raw[2 * i + 1] << 8);
    if (eie_run(&dev, &info, in.data(), out.data(), (size_t)n, err, sizeof err) != EIE_OK) {
        std::printf("EIEC_ERROR run %s: %s\n", name, err);
        std::exit(1);
    }
    for (int v = 0; v < n; v++)
        for (uint32_t i = 0; i < info.outputs; i++)
            std::printf("OUT %s %d %u %d\n", name, v, i, out[(size_t)v * info.outputs + i]);
}

}  // namespace

int main(int argc, char** argv) {
    Verilated::commandArgs(argc, argv);
    if (argc < 7) {
        std::printf("EIEC_ERROR usage: imageA inputsA nA imageB inputsB nB [bad.bin...]\n");
        return 1;
    }
    shim = new Shim;
    auto& t = *shim->top;
    t.aresetn = 0;
    for (int i = 0; i < 5; i++) shim->tick();
    t.aresetn = 1;
    eie_dev dev{nullptr, mmio_read, mmio_write, stream_send, stream_receive};
    run_model(dev, "A", argv[1], argv[2], std::atoi(argv[3]));
    run_model(dev, "B", argv[4], argv[5], std::atoi(argv[6]));
    for (int b = 7; b < argc; b++) {
        auto bad = read_file(argv[b]);
        char err[256] = "";
        int rc = eie_load(&dev, bad.data(), bad.size(), nullptr, err, sizeof err);
        std::printf("REFUSED %d %s\n", rc, err);
        // Nothing was written: model B still answers (its first vector again).
        auto raw = read_file(argv[5]);
        eie_image_info info;
        auto image = read_file(argv[4]);
        eie_check_image(&dev, image.data(), image.size(), &info, err, sizeof err);
        std::vector<int16_t> in(info.inputs), out(info.outputs);
        for (size_t i = 0; i < in.size(); i++) in[i] = (int16_t)(raw[2 * i] | raw[2 * i + 1] << 8);
        if (eie_run(&dev, &info, in.data(), out.data(), 1, err, sizeof err) != EIE_OK) {
            std::printf("EIEC_ERROR rerun: %s\n", err);
            return 1;
        }
        for (uint32_t i = 0; i < info.outputs; i++) std::printf("OUT B%d 0 %u %d\n", b - 6, i, out[i]);
    }
    eie_status status;
    eie_read_status(&dev, &status);
    std::printf("STATUS %u %u\n", status.vectors, status.error);
    // The last vector's counters (model B's first vector): SCAN + WB cycles, per layer, saturations.
    uint32_t layers[64];
    if (eie_read_layer_cycles(&dev, 3, layers) != EIE_OK) {
        std::printf("EIEC_ERROR layer cycles\n");
        return 1;
    }
    std::printf("COUNTERS %u %u %u %u %u\nEND\n", status.cycles, status.sat_count, layers[0], layers[1], layers[2]);
    delete shim;
    return 0;
}
