#!/usr/bin/env bash
# `make lint`: verilator --lint-only -Wall on generated RTL. Any warning fails (the intentional
# exceptions are waived inside the Verilog, each with its reason).
#
#   hdl/scripts/lint.sh                  build the bundled example at 1, 3 and 64 PEs (out/lint-N), and at 3 with
#                                        the DSP multiply (out/lint-3-dsp), and lint each
#   hdl/scripts/lint.sh RTL_DIR...       lint existing generated RTL directories (e.g. out/example/rtl)
#
# Environment: EIEC (default bin/eiec).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
eiec=${EIEC:-$root/bin/eiec}
command -v verilator >/dev/null || { echo "lint: verilator not found on PATH (apt-get install verilator)" >&2; exit 1; }
dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
  for n in 1 3 64; do
    "$eiec" build "$root/examples/mlp/model.cz" -c "$root/examples/accel.yaml" --pes "$n" \
      -o "$root/out/lint-$n" >/dev/null
    dirs+=("$root/out/lint-$n/rtl")
  done
  "$eiec" build "$root/examples/mlp/model.cz" -c "$root/examples/accel.yaml" --pes 3 --multiplier dsp \
    -o "$root/out/lint-3-dsp" >/dev/null
  dirs+=("$root/out/lint-3-dsp/rtl")
fi
status=0
for d in "${dirs[@]}"; do
  # The sources are the ones files.f lists (eiec writes it with the RTL), relative to the RTL directory.
  if [ ! -f "$d/files.f" ]; then
    echo "lint: $d/files.f is missing (not an RTL directory written by eiec build?)" >&2
    status=1
    continue
  fi
  if out=$(cd "$d" && verilator --lint-only -Wall -I. --top-module eie_axi_top -f files.f 2>&1) && [ -z "$out" ]; then
    echo "lint: $d clean"
  else
    echo "lint: $d:" >&2
    echo "$out" >&2
    status=1
  fi
done
exit $status
