#!/usr/bin/env bash
# `make synth`: Yosys synth_xilinx (7-series) of the generated PE array at 64 PEs, printing
# LUT / FF / LUTRAM / BRAM / DSP counts. Fails on any Yosys error, on an inferred latch (the
# select -assert-none lines of synth.ys) and on `check -assert` problems.
#
#   hdl/scripts/synth.sh                 build the bundled example (examples/mlp/model.cz,
#                                        examples/accel.yaml) at 64 PEs into out/synth-64, synthesise it
#   hdl/scripts/synth.sh IMAGE_DIR       synthesise an existing `eiec build` output (IMAGE_DIR/rtl, IMAGE_DIR/mem)
#
# Environment: EIEC (default bin/eiec), PES (default 64).
# Takes a few minutes at 64 PEs on a 2-core machine (see docs/rtl.md for measured numbers).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
eiec=${EIEC:-$root/bin/eiec}
pes=${PES:-64}
img=${1:-}
if [ -z "$img" ]; then
  img=$root/out/synth-$pes
  # A 7-series part has DSP48s: one multiply per PE (docs/rtl.md, "DSP multiply").
  "$eiec" build "$root/examples/mlp/model.cz" -c "$root/examples/accel.yaml" --pes "$pes" --multiplier dsp -o "$img"
fi
img=$(cd "$img" && pwd)
if [ ! -f "$img/rtl/files.f" ] || [ ! -d "$img/mem" ]; then
  echo "synth: $img has no rtl/files.f or mem/ (expected an \`eiec build\` output directory)" >&2
  exit 1
fi
command -v yosys >/dev/null || { echo "synth: yosys not found on PATH (apt-get install yosys)" >&2; exit 1; }

cd "$img"
# The sources in the order rtl/files.f gives (its // lines are provenance comments).
sources=$(grep -v '^//' rtl/files.f | sed 's|^|rtl/|' | tr '\n' ' ')
start=$(date +%s)
if ! yosys -q -l synth.log -p "read_verilog -defer -Irtl $sources; script $root/hdl/scripts/synth.ys" \
    >/dev/null 2>&1; then
  echo "synth: yosys failed (log: $img/synth.log):" >&2
  grep -E "ERROR|Assert|assert" synth.log | head -20 >&2 || tail -20 synth.log >&2
  exit 1
fi
seconds=$(( $(date +%s) - start ))

# Sum the cell counts of the flattened top (synth_stat.txt is written by synth.ys).
awk -v pes="$pes" -v secs="$seconds" -v dir="$img" '
  $1 ~ /^LUT[1-6]$/            { lut += $2 }
  $1 ~ /^FD[RSCP]E$/           { ff += $2 }
  $1 ~ /^RAM(32M|64M|32X1D|64X1D|128X1D|256X1S|32X1S|64X1S|128X1S)$/ { lutram += $2 }
  $1 == "SRL16E" || $1 == "SRLC32E" { srl += $2 }
  $1 == "RAMB36E1"             { b36 += $2 }
  $1 == "RAMB18E1"             { b18 += $2 }
  $1 ~ /^DSP48E1$/             { dsp += $2 }
  $1 ~ /^CARRY4$/              { carry += $2 }
  END {
    printf "synth_xilinx (xc7) of %s in %d s\n", dir, secs
    printf "LUT %d  FF %d  LUTRAM %d  SRL %d  CARRY4 %d  BRAM %.1f (RAMB36 %d + RAMB18 %d)  DSP %d\n",
      lut, ff, lutram, srl, carry, b36 + b18 / 2.0, b36, b18, dsp
  }' synth_stat.txt
