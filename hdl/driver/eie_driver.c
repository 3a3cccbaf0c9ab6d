/* Host driver for eie_axi_top (docs/axi.md, docs/image-format.md "image.bin"). Nothing is written to the
 * device before the whole image is checked: a truncated, corrupted or foreign image leaves the loaded model
 * as it was. */
#include "eie_driver.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "eie_regs.h"

#define HEADER_BYTES 100u
#define SECTION_BYTES 12u
#define GLOBAL_PE 0xFFFFu

static int fail(char *err, size_t err_size, int code, const char *format, ...) {
    if (err && err_size > 0) {
        va_list args;
        va_start(args, format);
        vsnprintf(err, err_size, format, args);
        va_end(args);
    }
    return code;
}

static uint32_t word_at(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint32_t eie_crc32(const uint8_t *data, size_t size) {
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < size; i++) {
        crc ^= data[i];
        for (int k = 0; k < 8; k++) crc = (crc & 1u) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return ~crc;
}

/* Data words (32-bit) per memory word of each memory id, and each memory's depth, from the ID registers. */
static uint32_t pieces_of(uint32_t memory, uint32_t word_bits) {
    return memory == 0 ? 8u : memory == 2 ? (word_bits + 31u) / 32u : 1u;
}

static uint32_t depth_of(const eie_dev *dev, uint32_t memory) {
    switch (memory) {
    case 0: return dev->mmio_read(dev->ctx, EIE_REG_ID_MAX_LAYERS);
    case 1: return dev->mmio_read(dev->ctx, EIE_REG_ID_CODEBOOK_DEPTH);
    case 2: return dev->mmio_read(dev->ctx, EIE_REG_ID_SPMAT_WORDS);
    case 3: case 4: return dev->mmio_read(dev->ctx, EIE_REG_ID_PTR_DEPTH);
    case 5: return dev->mmio_read(dev->ctx, EIE_REG_ID_BIAS_ENTRIES);
    /* the output map of a row-balanced image: one entry per output the last layer can have */
    case 6: return dev->mmio_read(dev->ctx, EIE_REG_ID_ACT_DEPTH) * dev->mmio_read(dev->ctx, EIE_REG_ID_PES);
    default: return 0;
    }
}

int eie_check_image(const eie_dev *dev, const uint8_t *image, size_t size, eie_image_info *info, char *err,
                    size_t err_size) {
    if (dev->mmio_read(dev->ctx, EIE_REG_ID_VERSION) != EIE_ID_VERSION)
        return fail(err, err_size, EIE_E_DEVICE, "device: ID_VERSION is 0x%08x, not an eie_axi_top (0x%08x)",
                    dev->mmio_read(dev->ctx, EIE_REG_ID_VERSION), EIE_ID_VERSION);
    if (size < 8 || memcmp(image, "EIECIMG", 8) != 0)
        return fail(err, err_size, EIE_E_IMAGE, "image.bin: not an eiec image.bin (no EIECIMG magic)");
    if (size < HEADER_BYTES + 4)
        return fail(err, err_size, EIE_E_IMAGE, "image.bin: truncated: %zu bytes, less than the header and CRC",
                    size);
    const uint8_t *h = image;
    if (word_at(h + 8) != 1)
        return fail(err, err_size, EIE_E_IMAGE, "image.bin: format version %u is not supported", word_at(h + 8));
    if (word_at(h + 12) != HEADER_BYTES)
        return fail(err, err_size, EIE_E_IMAGE, "image.bin: header size %u, expected %u", word_at(h + 12),
                    HEADER_BYTES);
    if (word_at(h + 24) != size)
        return fail(err, err_size, EIE_E_IMAGE, "image.bin: truncated: the header declares %u bytes, the file has %zu",
                    word_at(h + 24), size);
    uint32_t crc = eie_crc32(image, size - 4);
    if (crc != word_at(image + size - 4))
        return fail(err, err_size, EIE_E_IMAGE, "image.bin: CRC mismatch (stored %08x, computed %08x)",
                    word_at(image + size - 4), crc);
    uint64_t hash = (uint64_t)word_at(h + 16) | (uint64_t)word_at(h + 20) << 32;
    uint64_t device = (uint64_t)dev->mmio_read(dev->ctx, EIE_REG_ID_HASH_LO) |
                      (uint64_t)dev->mmio_read(dev->ctx, EIE_REG_ID_HASH_HI) << 32;
    if (hash != device)
        return fail(err, err_size, EIE_E_CONFIG,
                    "image.bin: built for configuration sha256:%016llx, but the device is sha256:%016llx",
                    (unsigned long long)hash, (unsigned long long)device);
    uint32_t pes = dev->mmio_read(dev->ctx, EIE_REG_ID_PES);
    if (word_at(h + 32) != pes)
        return fail(err, err_size, EIE_E_CONFIG, "image.bin: %u PEs, the device has %u", word_at(h + 32), pes);
    uint32_t layers = word_at(h + 36), max_layers = dev->mmio_read(dev->ctx, EIE_REG_ID_MAX_LAYERS);
    if (layers < 1 || layers > max_layers)
        return fail(err, err_size, EIE_E_CONFIG, "image.bin: %u layers, over capacity (%u)", layers, max_layers);
    uint32_t word_bits = dev->mmio_read(dev->ctx, EIE_REG_ID_WORD_BITS);
    uint32_t count = word_at(h + 28);
    size_t at = HEADER_BYTES, body = size - 4;
    for (uint32_t s = 0; s < count; s++) {
        if (body - at < SECTION_BYTES)
            return fail(err, err_size, EIE_E_IMAGE, "image.bin: section %u: truncated header", s);
        uint32_t target = word_at(image + at), address = word_at(image + at + 4), words = word_at(image + at + 8);
        at += SECTION_BYTES;
        uint32_t memory = target & 0xFFu, pe = target >> 16;
        int global = memory <= 1 || memory == 6;
        if (memory > 6 || (target & 0xFF00u) != 0 || (global ? pe != GLOBAL_PE : pe >= pes))
            return fail(err, err_size, EIE_E_IMAGE, "image.bin: section %u: bad target %08x", s, target);
        uint32_t depth = depth_of(dev, memory);
        if ((uint64_t)address + words > depth)
            return fail(err, err_size, EIE_E_CONFIG, "image.bin: section %u: words %u..%llu over capacity (%u)", s,
                        address, (unsigned long long)address + words, depth);
        uint64_t need = 4ull * words * pieces_of(memory, word_bits);
        if (need > body - at)
            return fail(err, err_size, EIE_E_IMAGE, "image.bin: section %u: truncated: needs %llu bytes", s,
                        (unsigned long long)need);
        at += (size_t)need;
    }
    if (at != body)
        return fail(err, err_size, EIE_E_IMAGE, "image.bin: %zu bytes after the last section", body - at);
    if (info) {
        info->config_hash = hash;
        info->pes = pes;
        info->layers = layers;
        info->inputs = word_at(h + 40);
        info->outputs = word_at(h + 44);
        info->activation_frac_bits = word_at(h + 48);
        info->sections = count;
        memcpy(info->model, h + 68, 32);
        info->model[32] = '\0';
    }
    return EIE_OK;
}

int eie_load(const eie_dev *dev, const uint8_t *image, size_t size, eie_image_info *info, char *err,
             size_t err_size) {
    eie_image_info local;
    eie_image_info *i = info ? info : &local;
    int rc = eie_check_image(dev, image, size, i, err, err_size);
    if (rc != EIE_OK) return rc;
    uint32_t word_bits = dev->mmio_read(dev->ctx, EIE_REG_ID_WORD_BITS);
    dev->mmio_write(dev->ctx, EIE_REG_CTRL, 0);
    while (dev->mmio_read(dev->ctx, EIE_REG_STATUS) & (1u << EIE_STATUS_BUSY)) {
    }
    dev->mmio_write(dev->ctx, EIE_REG_IRQ_CLEAR, (1u << EIE_CLEAR_DONE) | (1u << EIE_CLEAR_ERROR));
    size_t at = HEADER_BYTES;
    for (uint32_t s = 0; s < i->sections; s++) {
        uint32_t target = word_at(image + at), address = word_at(image + at + 4), words = word_at(image + at + 8);
        at += SECTION_BYTES;
        uint64_t data = (uint64_t)words * pieces_of(target & 0xFFu, word_bits);
        if (data == 0) continue;
        dev->mmio_write(dev->ctx, EIE_REG_LD_TARGET, target);
        dev->mmio_write(dev->ctx, EIE_REG_LD_ADDR, address);
        for (uint64_t k = 0; k < data; k++, at += 4) dev->mmio_write(dev->ctx, EIE_REG_LD_DATA, word_at(image + at));
    }
    uint32_t error = dev->mmio_read(dev->ctx, EIE_REG_ERROR);
    if (error != EIE_ERR_NONE)
        return fail(err, err_size, EIE_E_DEVICE, "device: ERROR = %u after loading", error);
    if (dev->mmio_read(dev->ctx, EIE_REG_IN_LEN) != i->inputs ||
        dev->mmio_read(dev->ctx, EIE_REG_OUT_LEN) != i->outputs)
        return fail(err, err_size, EIE_E_DEVICE, "device: IN_LEN/OUT_LEN %u/%u after loading, image says %u/%u",
                    dev->mmio_read(dev->ctx, EIE_REG_IN_LEN), dev->mmio_read(dev->ctx, EIE_REG_OUT_LEN),
                    i->inputs, i->outputs);
    return EIE_OK;
}

int eie_run(const eie_dev *dev, const eie_image_info *info, const int16_t *in, int16_t *out, size_t n, char *err,
            size_t err_size) {
    uint32_t beat_bytes = dev->mmio_read(dev->ctx, EIE_REG_ID_STREAM_BITS) / 8u;
    size_t lanes = beat_bytes / 2u;
    size_t in_bytes = (info->inputs + lanes - 1) / lanes * beat_bytes;
    size_t out_bytes = (info->outputs + lanes - 1) / lanes * beat_bytes;
    uint8_t buffer[1u << 16];
    if (in_bytes > sizeof buffer || out_bytes > sizeof buffer)
        return fail(err, err_size, EIE_E_STREAM, "vector of %zu/%zu bytes is larger than the driver's buffer",
                    in_bytes, out_bytes);
    uint32_t ctrl = dev->mmio_read(dev->ctx, EIE_REG_CTRL);
    dev->mmio_write(dev->ctx, EIE_REG_CTRL, ctrl | (1u << EIE_CTRL_START));
    for (size_t v = 0; v < n; v++) {
        memset(buffer, 0, in_bytes);
        for (size_t i = 0; i < info->inputs; i++) {
            uint16_t x = (uint16_t)in[v * info->inputs + i];
            buffer[2 * i] = (uint8_t)x;
            buffer[2 * i + 1] = (uint8_t)(x >> 8);
        }
        if (dev->stream_send(dev->ctx, buffer, in_bytes) != 0)
            return fail(err, err_size, EIE_E_STREAM, "vector %zu: stream_send failed", v);
        long got = dev->stream_receive(dev->ctx, buffer, out_bytes);
        if (got != (long)out_bytes)
            return fail(err, err_size, EIE_E_STREAM, "vector %zu: received %ld bytes, expected %zu", v, got,
                        out_bytes);
        for (size_t i = 0; i < info->outputs; i++)
            out[v * info->outputs + i] = (int16_t)(uint16_t)(buffer[2 * i] | buffer[2 * i + 1] << 8);
    }
    uint32_t error = dev->mmio_read(dev->ctx, EIE_REG_ERROR);
    if (error != EIE_ERR_NONE) return fail(err, err_size, EIE_E_DEVICE, "device: ERROR = %u", error);
    return EIE_OK;
}

void eie_read_status(const eie_dev *dev, eie_status *status) {
    status->status = dev->mmio_read(dev->ctx, EIE_REG_STATUS);
    status->error = dev->mmio_read(dev->ctx, EIE_REG_ERROR);
    status->cycles = dev->mmio_read(dev->ctx, EIE_REG_CYCLES);
    status->span = dev->mmio_read(dev->ctx, EIE_REG_SPAN);
    status->vectors = dev->mmio_read(dev->ctx, EIE_REG_VECTORS);
    status->sat_count = dev->mmio_read(dev->ctx, EIE_REG_SAT_COUNT);
}

int eie_read_layer_cycles(const eie_dev *dev, uint32_t layers, uint32_t *cycles) {
    if (layers > dev->mmio_read(dev->ctx, EIE_REG_ID_MAX_LAYERS)) return EIE_E_DEVICE;
    for (uint32_t l = 0; l < layers; l++) {
        dev->mmio_write(dev->ctx, EIE_REG_LAYER_SEL, l);
        cycles[l] = dev->mmio_read(dev->ctx, EIE_REG_LAYER_CYCLES);
    }
    return EIE_OK;
}
