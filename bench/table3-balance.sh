#!/usr/bin/env bash
# Load-balance-aware compilation (issue 12, docs/balancing.md): the nine Table III layers at 64 PEs, queue depth 8
# (bench/eie-large.yaml), seed 1, uniform and skewed (`eiec gen --skew S`, default 1.0), each built with
# `--balance none` (row i on PE i mod N) and `--balance rows` and simulated on the same input in one run.
# Prints cycles and load-balance efficiency (ideal / actual SCAN cycles) side by side, and checks that
# both builds give bit-identical outputs (`eiec sim` and `eiec run`).
#   bench/table3-balance.sh [S]
set -euo pipefail
cd "$(dirname "$0")/.."
EIEC=bin/eiec
skew=${1:-1.0}
layers="Alex-6 Alex-7 Alex-8 VGG-6 VGG-7 VGG-8 NT-We NT-Wd NT-LSTM"
echo
echo "## Table III layers at 64 PEs, queue depth 8: --balance none vs rows (uniform and --skew $skew, seed 1)"
for kind in uniform skewed; do
  work=build/bench/balance-$kind
  mkdir -p "$work"
  extra=(); [ "$kind" = skewed ] && extra=(--skew "$skew")
  for layer in $layers; do
    [ -f "$work/$layer.cz" ] || $EIEC gen --layer "$layer" --seed 1 "${extra[@]}" -o "$work" > /dev/null
    for mode in none rows; do
      $EIEC build "$work/$layer.cz" -c bench/eie-large.yaml --balance $mode -o "$work/$layer-$mode" > /dev/null
      $EIEC sim "$work/$layer-$mode" --input "$work/$layer.input.npy" --json "$work/$layer-$mode.json" \
        -o "$work/$layer-$mode.sim.npy" > /dev/null
      $EIEC run "$work/$layer-$mode" --input "$work/$layer.input.npy" -o "$work/$layer-$mode.run.npy" > /dev/null
    done
  done
done
/usr/bin/python3 - $layers <<'PY'
import json, sys
import numpy as np
print("| layer | input | none: cycles | none: load balance | rows: cycles | rows: load balance | rows / none | "
      "outputs |")
print("|---|---|---|---|---|---|---|---|")
bad = 0
for kind in ("uniform", "skewed"):
    for name in sys.argv[1:]:
        w = f"build/bench/balance-{kind}/{name}"
        a, b = (json.load(open(f"{w}-{m}.json"))["summary"] for m in ("none", "rows"))
        ref = np.load(f"{w}-none.sim.npy")
        same = all(np.array_equal(ref, np.load(f"{w}-{m}.{x}.npy"))
                   for m in ("none", "rows") for x in ("sim", "run"))
        bad += not same
        print(f"| {name} | {kind} | {a['cycles']:,} | {100*a['load_balance_efficiency']:.1f} % | {b['cycles']:,} | "
              f"{100*b['load_balance_efficiency']:.1f} % | {b['cycles']/a['cycles']:.3f} | "
              f"{'identical' if same else 'DIFFERENT'} |")
sys.exit(1 if bad else 0)
PY
