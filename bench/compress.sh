#!/usr/bin/env bash
# make bench (via bench/run.sh): `eiec compress` of one 25088x4096 dense layer (VGG-6, 102.8M weights) to 4% density
# (the paper's VGG-6 density, Table III) and 4-bit codebooks, no retraining. Target: < 1 min, < 4 GB.
# Prints eiec's own stage timings (--bench) and /usr/bin/time -v's wall time and peak RSS.
# Usage: bench/compress.sh [EIEC_COMMAND...]   (default: bin/eiec, built by `make build`)
set -euo pipefail
cd "$(dirname "$0")/.."
eiec=("$@")
[ ${#eiec[@]} -eq 0 ] && eiec=(bin/eiec)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "bench needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
echo; echo "## Compressor: eiec compress of a dense 25088 x 4096 layer to 4% and 4-bit codebooks," \
  "no retraining (target < 1 min, < 4 GB)"
echo "generating a 4096x25088 float32 layer (NumPy)..."
/usr/bin/python3 bench/make_vgg6_layer.py "$work/vgg6.npz"
ls -l "$work/vgg6.npz"
/usr/bin/time -v "${eiec[@]}" compress "$work/vgg6.npz" -o "$work/vgg6.cz" --density 0.04 --codebook-bits 4 \
  --report "$work/report.md" --bench 2> "$work/time.txt"
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$work/time.txt"
ls -l "$work/vgg6.cz"
sed -n '3,6p' "$work/report.md"
