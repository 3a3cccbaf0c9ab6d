#!/usr/bin/env bash
# Calibrated balancing and local search (issue 12 item 1, docs/balancing.md): the nine Table III layers at 64 PEs,
# queue depth 8 (bench/eie-large.yaml), seed 1, uniform and skewed (`eiec gen --skew S`, default 1.0), each built
#   none        --balance none (row i on PE i mod N)
#   rows        --balance rows (the default)
#   search      --balance search (rows, then the local search; uncalibrated: columns kept with p = 1/3)
#   calibrated  --balance search --calibration C.npy, C = 16 other vectors of the layer's activation density
#               (numpy, seed 2: the same distribution as the simulated input, not the input itself)
#   oracle      --balance search --calibration of the very input simulated: the ceiling of any placement
#               the compiler could choose without knowing the input
# and simulated on the same input in one run. Each cell: cycles · load balance (ideal / actual SCAN cycles) ·
# SCAN cycles / work bound (the busiest PE's issued entries on this input). Checks that every build gives
# bit-identical outputs (`eiec sim` and `eiec run`), and prints each mode's build time for VGG-6.
#   bench/table3-calibrated.sh [S]
set -euo pipefail
cd "$(dirname "$0")/.."
EIEC=${EIEC:-bin/eiec}
skew=${1:-1.0}
layers="Alex-6 Alex-7 Alex-8 VGG-6 VGG-7 VGG-8 NT-We NT-Wd NT-LSTM"
modes="none rows search calibrated oracle"
echo
echo "## Table III layers at 64 PEs, queue depth 8: calibrated balancing and local search (uniform and --skew $skew)"
for kind in uniform skewed; do
  work=build/bench/calibrated-$kind
  mkdir -p "$work"
  extra=(); [ "$kind" = skewed ] && extra=(--skew "$skew")
  for layer in $layers; do
    [ -f "$work/$layer.cz" ] || $EIEC gen --layer "$layer" --seed 1 "${extra[@]}" -o "$work" > /dev/null
    # 16 calibration vectors with as many non-zeros as the simulated input, at other positions (seed 2).
    /usr/bin/python3 - "$work/$layer.input.npy" "$work/$layer.calibration.npy" <<'PY'
import sys
import numpy as np
x = np.load(sys.argv[1]).astype(np.float32)
rng = np.random.default_rng(2)
n, k = x.size, int(np.count_nonzero(x))
c = np.zeros((16, n), np.float32)
for v in c:
    v[rng.choice(n, k, replace=False)] = rng.uniform(0.05, 1.0, k)
np.save(sys.argv[2], c)
PY
    for mode in $modes; do
      case $mode in
        none|rows|search) opts=(--balance $mode) ;;
        calibrated) opts=(--balance search --calibration "$work/$layer.calibration.npy") ;;
        oracle) opts=(--balance search --calibration "$work/$layer.input.npy") ;;
      esac
      $EIEC build "$work/$layer.cz" -c bench/eie-large.yaml "${opts[@]}" -o "$work/$layer-$mode" \
        > "$work/$layer-$mode.build.txt"
      $EIEC sim "$work/$layer-$mode" --input "$work/$layer.input.npy" --json "$work/$layer-$mode.json" \
        -o "$work/$layer-$mode.sim.npy" > /dev/null
      $EIEC run "$work/$layer-$mode" --input "$work/$layer.input.npy" -o "$work/$layer-$mode.run.npy" > /dev/null
    done
  done
done
/usr/bin/python3 - "$modes" $layers <<'PY'
import json, re, sys
import numpy as np
modes = sys.argv[1].split()
print("Each cell: cycles · load balance (ideal / actual SCAN cycles) · SCAN cycles / work bound (busiest PE).")
print()
print("| layer | input | " + " | ".join(modes) + " | outputs |")
print("|---|---|" + "---|" * len(modes) + "---|")
bad = 0
for kind in ("uniform", "skewed"):
    for name in sys.argv[2:]:
        w = f"build/bench/calibrated-{kind}/{name}"
        cells = []
        for m in modes:
            s = json.load(open(f"{w}-{m}.json"))["summary"]
            cells.append(f"{s['cycles']:,} · {100 * s['load_balance_efficiency']:.1f} % · "
                         f"{s['scan_cycles'] / s['work_bound_cycles']:.3f}")
        ref = np.load(f"{w}-none.sim.npy")
        same = all(np.array_equal(ref, np.load(f"{w}-{m}.{x}.npy")) for m in modes for x in ("sim", "run"))
        bad += not same
        print(f"| {name} | {kind} | " + " | ".join(cells) + f" | {'identical' if same else 'DIFFERENT'} |")
print()
for kind in ("uniform", "skewed"):
    times = []
    for m in modes:
        text = open(f"build/bench/calibrated-{kind}/VGG-6-{m}.build.txt").read()
        seconds = re.search(r"; ([0-9.]+) s\)", text).group(1)
        times.append(f"{m} {seconds} s")
    print(f"VGG-6 build time ({kind}): " + ", ".join(times))
sys.exit(1 if bad else 0)
PY
