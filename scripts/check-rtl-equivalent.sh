#!/usr/bin/env bash
# Formal equivalence of the RTL two eiec binaries generate (e.g. before and after a change that must
# not change the hardware, only its text: macros instead of literals, provenance lines). Both build
# the same small model for the same 2-PE configuration with tiny memories; Yosys reads each rtl/,
# flattens it, and proves every matching register and output equal (equiv_make, equiv_simple,
# equiv_induct, equiv_status -assert). The memory images must be byte-identical too.
#
#   scripts/check-rtl-equivalent.sh OLD_EIEC NEW_EIEC [WORK_DIR]
#
# Exit 0 when equivalence is proven, 1 otherwise (log: WORK_DIR/equiv.log). A few minutes on a
# 2-core machine, almost all of it in equiv_induct.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OLD_EIEC NEW_EIEC [WORK_DIR]" >&2; exit 2; }
if ! command -v yosys >/dev/null; then
  echo "check-rtl-equivalent: yosys not found on PATH (apt-get install yosys)" >&2; exit 1
fi
old=$(readlink -f "$1"); new=$(readlink -f "$2")
work=${3:-$(mktemp -d)}
mkdir -p "$work"; work=$(cd "$work" && pwd)
rm -rf "$work/old" "$work/new" "$work/gen"

# Small enough for equiv_induct, large enough for two layers, queues that fill and a 2-PE array.
cat > "$work/small.yaml" <<'YAML'
pes: 2
fifo_depth: 2
spmat_sram_bytes: 256
pointer_sram_bytes: 128
activation_sram_bytes: 64
bias_entries: 16
max_layers: 2
YAML
"$new" gen --dims 20,12,6 --density 0.3 --seed 1 -o "$work/gen" >/dev/null
"$old" build "$work/gen/mlp-20-12-6.cz" -c "$work/small.yaml" -o "$work/old" >/dev/null
"$new" build "$work/gen/mlp-20-12-6.cz" -c "$work/small.yaml" -o "$work/new" >/dev/null
if ! diff -rq "$work/old/mem" "$work/new/mem"; then
  echo "check-rtl-equivalent: the memory images differ; the RTL comparison would not mean anything" >&2
  exit 1
fi

# Source list of a build: its rtl/files.f (comment lines skipped), or every .v for a binary that
# predates files.f.
sources() {
  local rtl=$1/rtl
  if [ -f "$rtl/files.f" ]; then grep -v '^//' "$rtl/files.f" | sed "s|^|$rtl/|" | tr '\n' ' '
  else ls "$rtl"/*.v | tr '\n' ' '
  fi
}

# Each side is elaborated on its own (same module names), stashed, then both are copied into one
# design as gold and gate. The ROM contents ($readmemh of mem/, identical on both sides) are read
# from the old image's directory.
cat > "$work/equiv.ys" <<YS
read_verilog -defer -I$work/old/rtl $(sources "$work/old")
hierarchy -check -top eie_top
proc; flatten; opt_clean
memory -nomap; opt -full
rename eie_top gold
design -stash gold
read_verilog -defer -I$work/new/rtl $(sources "$work/new")
hierarchy -check -top eie_top
proc; flatten; opt_clean
memory -nomap; opt -full
rename eie_top gate
design -stash gate
design -copy-from gold -as gold gold
design -copy-from gate -as gate gate
memory_map; opt -full
equiv_make gold gate equiv
hierarchy -top equiv
equiv_simple -seq 5
equiv_induct -seq 5
equiv_status -assert
YS
cd "$work/old"
if yosys -q -l "$work/equiv.log" -s "$work/equiv.ys" >/dev/null 2>&1; then
  cells=$(grep -o 'Of those cells [0-9]* are proven' "$work/equiv.log" | tail -1)
  echo "equivalent: the RTL of $old and $new (2 PEs, $work/small.yaml): $cells; Yosys log $work/equiv.log"
else
  echo "NOT EQUIVALENT (or Yosys failed): see $work/equiv.log" >&2
  grep -E "ERROR|unproven|Unproven" "$work/equiv.log" | head -20 >&2 || true
  exit 1
fi
