#!/usr/bin/env bash
# Energy per inference vs weight density and vs activation density (docs/energy.md, "Sensitivity"):
# one 2048 x 2048 layer (seed 1, `eiec gen --dims`) at 64 PEs, queue depth 8, 800 MHz
# (bench/eie-large.yaml), default energy table. Sweeps weight density at 35 % non-zero activations
# (Alex-7's) and activation density at 9 % weights (Alex-7's). Writes
# build/bench/energy-sensitivity/energy-sensitivity.csv and .svg and prints the table (Markdown).
# Usage: bench/energy-sensitivity.sh [--energy-table FILE.yaml]
set -euo pipefail
cd "$(dirname "$0")/.."
EIEC=bin/eiec
table_args=()
if [ "${1:-}" = "--energy-table" ]; then table_args=(--energy-table "$2"); fi
work=build/bench/energy-sensitivity
mkdir -p "$work"
dims=2048,2048
weights="0.01 0.02 0.05 0.09 0.2 0.35 0.5 0.75 1.0"
acts="0.05 0.1 0.2 0.353 0.5 0.75 1.0"
points=()
for w in $weights; do points+=("$w 0.353"); done
for a in $acts; do points+=("0.09 $a"); done
points+=("1.0 1.0")
for p in "${points[@]}"; do
  read -r w a <<< "$p"
  dir="$work/w$w-a$a"
  if [ ! -f "$dir/sim.json" ]; then
    mkdir -p "$dir"
    $EIEC gen --dims "$dims" --density "$w" --input-density "$a" --seed 1 -o "$dir" > /dev/null
    $EIEC build "$dir/mlp-${dims/,/-}.cz" -c bench/eie-large.yaml -o "$dir/img" > /dev/null
  fi
  $EIEC sim "$dir/img" --input "$dir/mlp-${dims/,/-}.input.npy" --json "$dir/sim.json" "${table_args[@]}" > /dev/null
done
python3 bench/energy-sensitivity.py "$work" $(printf '%s\n' "${points[@]}" | tr ' ' ':')
