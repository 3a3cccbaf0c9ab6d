#!/usr/bin/env bash
# make bench (via bench/run.sh): Deep Compression on LeNet-300-100 / Fashion-MNIST (examples/lenet).
# 1. Accuracy vs density, three schedules, each point retrained and scored through the golden model:
#    per-layer one-shot, global one-shot, global iterative (5 steps); sweep.csv + PNGs per schedule, the
#    last schedule's plots drawing all three (`--sweep-compare`).
# 2. The two targets of issue 13 (>= 88.0 % at 4 %, >= 86.0 % at 2 %, 4-bit codebooks), eval'd in full.
# Usage: bench/compress-curve.sh [OUT_DIR]   (default build/bench/compress-curve; bin/eiec from `make build`)
# QUICK=1: the reduced recipe of the README plot (20,000 training examples, 4 + 2 epochs per point).
# Minutes of CPU: the full recipe retrains 3 x 4 points plus the two targets (~50 epochs each).
set -euo pipefail
cd "$(dirname "$0")/.."
eiec=${EIEC:-bin/eiec}
data=/usr/share/datasets/fashion-mnist
dense=examples/lenet/lenet-300-100.npz
out=${1:-build/bench/compress-curve}
[ -d "$data" ] || { echo "needs Fashion-MNIST at $data (apt-get install dataset-fashion-mnist)" >&2; exit 1; }
mkdir -p "$out"
densities=0.02,0.04,0.08,0.16
if [ "${QUICK:-0}" = 1 ]; then
  recipe=(--limit 20000 --prune-epochs 4 --step-epochs 1 --share-epochs 2)
else
  recipe=(--prune-epochs 10 --step-epochs 2 --share-epochs 3)
fi
common=(--data "$data" --seed 1 --eval-examples 0 --codebook-bits 4 --sweep "$densities" "${recipe[@]}")

echo; echo "## LeNet-300-100 accuracy vs density (${recipe[*]}), golden model on the 10,000 test images"
"$eiec" compress "$dense" -o "$out/layer-oneshot" --scope layer --sweep-label "per layer, one-shot" \
  "${common[@]}" | grep -E '^(per|wrote)'
"$eiec" compress "$dense" -o "$out/global-oneshot" --scope global --sweep-label "global, one-shot" \
  "${common[@]}" | grep -E '^(global|wrote)'
"$eiec" compress "$dense" -o "$out/global-iterative" --scope global --prune-steps 5 --sweep-label "global, 5 steps" \
  --sweep-compare "$out/layer-oneshot/sweep.csv" "$out/global-oneshot/sweep.csv" \
  "${common[@]}" | grep -E '^(global|wrote)'
cat "$out"/*/sweep.csv | sort -u -r

[ "${QUICK:-0}" = 1 ] && exit 0
echo; echo "## Targets: >= 88.0 % at 4 %, >= 86.0 % at 2 % (4-bit codebooks, golden model)"
for target in "0.04 5" "0.02 6"; do
  set -- $target
  "$eiec" compress "$dense" -o "$out/lenet-$1.cz" --report "$out/lenet-$1.md" --data "$data" --seed 1 \
    --eval-examples 0 --scope global --density "$1" --prune-steps "$2" --step-epochs 2 --prune-epochs 30 \
    --share-epochs 5 | tail -1
  "$eiec" eval --data "$data" --sim-limit 0 "$dense" "$out/lenet-$1.cz" | grep -E "golden|compressed|dense"
done
