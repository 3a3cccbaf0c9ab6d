#!/usr/bin/env bash
# The nine Table III layers at 64 PEs (bench/eie-large.yaml), each generated twice at the table's density:
# uniform random positions (as the paper's own simulations) and skewed (`eiec gen --skew S`, row and
# column densities log-normal with coefficient of variation S, default 1.0), because real pruned layers
# are far less uniform. Cycles, the work bound and load-balance efficiency from the cycle simulator.
#   bench/table3-skew.sh [S]
set -euo pipefail
cd "$(dirname "$0")/.."
EIEC=bin/eiec
skew=${1:-1.0}
layers="Alex-6 Alex-7 Alex-8 VGG-6 VGG-7 VGG-8 NT-We NT-Wd NT-LSTM"
echo
echo "## Table III layers at 64 PEs, queue depth 8: uniform vs skewed (--skew $skew), seed 1"
for kind in uniform skewed; do
  work=build/bench/table3-$kind
  mkdir -p "$work"
  extra=(); [ "$kind" = skewed ] && extra=(--skew "$skew")
  for layer in $layers; do
    [ -f "$work/$layer.cz" ] || $EIEC gen --layer "$layer" --seed 1 "${extra[@]}" -o "$work" > /dev/null
    # row i on PE i mod N: the imbalance itself (balanced side by side: table3-balance.sh)
    $EIEC build "$work/$layer.cz" -c bench/eie-large.yaml --balance none -o "$work/$layer" > /dev/null
    $EIEC sim "$work/$layer" --input "$work/$layer.input.npy" --json "$work/$layer.json" > /dev/null
  done
done
python3 - $layers <<'PY'
import json, sys
print("| layer | uniform cycles | ideal | load balance | skewed cycles | ideal | load balance | skewed / uniform |")
print("|---|---|---|---|---|---|---|---|")
for name in sys.argv[1:]:
    u, s = (json.load(open(f"build/bench/table3-{k}/{name}.json"))["summary"] for k in ("uniform", "skewed"))
    print(f"| {name} | {u['cycles']:,} | {u['ideal_scan_cycles']:,} | {100*u['load_balance_efficiency']:.1f} % | "
          f"{s['cycles']:,} | {s['ideal_scan_cycles']:,} | {100*s['load_balance_efficiency']:.1f} % | "
          f"{s['cycles']/u['cycles']:.3f} |")
PY
