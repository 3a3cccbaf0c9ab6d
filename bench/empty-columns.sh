#!/usr/bin/env bash
# Issue 12 item 3, empty columns: the nine Table III layers at 64 PEs, queue depth 8 (bench/eie-large.yaml,
# seed 1, uniform and skewed), simulated by a binary from before the change (the sparse-matrix read unit
# took every popped column, an empty one for one cycle) and by this one (the pointer read unit drops
# empty columns), on the same images and inputs, side by side in one run.
#   bench/empty-columns.sh OLD_EIEC [NEW_EIEC]      e.g. bench/empty-columns.sh /tmp/base/bin/eiec
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?usage: bench/empty-columns.sh OLD_EIEC [NEW_EIEC]}
new=${2:-bin/eiec}
layers="Alex-6 Alex-7 Alex-8 VGG-6 VGG-7 VGG-8 NT-We NT-Wd NT-LSTM"
echo
echo "## Empty columns dropped by the pointer read unit: Table III layers at 64 PEs, queue depth 8, seed 1"
for kind in uniform skewed; do
  work=build/bench/empty-$kind
  mkdir -p "$work"
  extra=(); [ "$kind" = skewed ] && extra=(--skew 1.0)
  for layer in $layers; do
    [ -f "$work/$layer.cz" ] || $new gen --layer "$layer" --seed 1 "${extra[@]}" -o "$work" > /dev/null
    $new build "$work/$layer.cz" -c bench/eie-large.yaml -o "$work/$layer" > /dev/null
    $old sim "$work/$layer" --input "$work/$layer.input.npy" --json "$work/$layer.before.json" > /dev/null
    $new sim "$work/$layer" --input "$work/$layer.input.npy" --json "$work/$layer.after.json" > /dev/null
  done
done
python3 - $layers <<'PY'
import json, sys
print("| layer | kind | non-zero inputs | empty columns per PE | cycles before | cycles after | after / before "
      "| load balance before | after |")
print("|---|---|---|---|---|---|---|---|---|")
for kind in ("uniform", "skewed"):
    for name in sys.argv[1:]:
        b, a = (json.load(open(f"build/bench/empty-{kind}/{name}.{w}.json")) for w in ("before", "after"))
        l = a["layers"][0]
        pes = a["pes"]
        # Columns popped with no entry in that PE, mean over the PEs (reported since issue 12 item 4).
        empty = [p["empty_columns"] for p in l["per_pe"] if "empty_columns" in p]
        empty_txt = f"{sum(empty) / pes:,.0f}" if empty else "-"
        sb, sa = b["summary"], a["summary"]
        print(f"| {name} | {kind} | {l['non_zero_inputs']:,} | {empty_txt} | {sb['cycles']:,} | {sa['cycles']:,} | "
              f"{sa['cycles'] / sb['cycles']:.3f} | {100 * sb['load_balance_efficiency']:.1f} % | "
              f"{100 * sa['load_balance_efficiency']:.1f} % |")
PY
