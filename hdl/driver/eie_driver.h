/* Host driver for eie_axi_top (docs/axi.md): checks and loads image.bin, runs vectors, reads status.
 * No OS dependency: the integrator supplies MMIO and stream callbacks in an eie_dev. Register offsets
 * come from eie_regs.h, generated with the RTL (Eiec.Hdl.Axi.AxiRegisterMap). */
#ifndef EIE_DRIVER_H
#define EIE_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct eie_dev {
    void *ctx;
    /* 32-bit AXI4-Lite read and write at a byte offset of the register window. */
    uint32_t (*mmio_read)(void *ctx, uint32_t offset);
    void (*mmio_write)(void *ctx, uint32_t offset, uint32_t value);
    /* Send one vector on the activation stream: bytes is a whole number of beats (ID_STREAM_BITS / 8
     * bytes each), little-endian 16-bit values in lane order; the last beat carries TLAST. 0 = ok. */
    int (*stream_send)(void *ctx, const uint8_t *data, size_t bytes);
    /* Receive one result vector (up to and including the beat with TLAST) into data, at most bytes;
     * returns the bytes received, or a negative value on failure. */
    long (*stream_receive)(void *ctx, uint8_t *data, size_t bytes);
} eie_dev;

/* What an image.bin header says (valid after eie_check_image). */
typedef struct eie_image_info {
    uint64_t config_hash;
    uint32_t pes, layers, inputs, outputs, activation_frac_bits, sections;
    char model[33];
} eie_image_info;

typedef struct eie_status {
    /* STATUS, ERROR, CYCLES, SPAN, VECTORS and SAT_COUNT (write-back rows of the last vector clamped to
     * the 16-bit range). */
    uint32_t status, error, cycles, span, vectors, sat_count;
} eie_status;

enum {
    EIE_OK = 0,
    EIE_E_IMAGE = 1,    /* image.bin malformed: size, magic, version, CRC, section bounds */
    EIE_E_CONFIG = 2,   /* image.bin for another configuration (hash, PEs, capacities) */
    EIE_E_DEVICE = 3,   /* the device reports an error or is not an eie_axi_top */
    EIE_E_STREAM = 4    /* a stream callback failed or a result had the wrong length */
};

/* Checks image.bin against the device's ID registers: size, magic, version, CRC, configuration hash,
 * PEs, every capacity and every section's bounds. Writes nothing. On failure returns an EIE_E_* code
 * and one line in err (if err_size > 0). */
int eie_check_image(const eie_dev *dev, const uint8_t *image, size_t size, eie_image_info *info, char *err,
                    size_t err_size);

/* Stops the array, checks the image (eie_check_image) and only then writes every section through the
 * load registers; then checks the device's ERROR register. */
int eie_load(const eie_dev *dev, const uint8_t *image, size_t size, eie_image_info *info, char *err,
             size_t err_size);

/* Starts the array (CTRL.START) and runs n vectors: sends each input (inputs values) and receives its
 * result (outputs values), where inputs/outputs come from the loaded image's info. */
int eie_run(const eie_dev *dev, const eie_image_info *info, const int16_t *in, int16_t *out, size_t n, char *err,
            size_t err_size);

void eie_read_status(const eie_dev *dev, eie_status *status);

/* SCAN + WB cycles of layers 0 .. layers - 1 in the latest vector (LAYER_SEL / LAYER_CYCLES) into cycles[];
 * read while the device is idle. Returns EIE_E_DEVICE if layers exceeds the device's layer table. */
int eie_read_layer_cycles(const eie_dev *dev, uint32_t layers, uint32_t *cycles);

/* CRC-32 (ISO-HDLC, as in ZIP), as image.bin uses it. */
uint32_t eie_crc32(const uint8_t *data, size_t size);

#ifdef __cplusplus
}
#endif
#endif
