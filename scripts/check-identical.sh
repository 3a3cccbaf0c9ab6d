#!/usr/bin/env bash
# Byte-identity check for changes that must not change behaviour: runs two eiec binaries (e.g. the one
# built from main before a refactoring and the one after) through the same commands on the bundled
# examples and the nine EIE Table III layers, then diffs every file they wrote: images (hex, manifest,
# image.json, report.md/json, rtl/), .cz, .npy, sweep CSV/JSON and compression reports.
# Sweep PNGs are listed but not compared (ScottPlot/Skia output is not part of the contract). In rtl/,
# see below: provenance lines are ignored and a Verilog text change is left to check-rtl-equivalent.sh.
#
#   scripts/check-identical.sh OLD_EIEC NEW_EIEC [WORK_DIR]
#
# Exit 0 when every output is identical, 1 with the differing files otherwise.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
data=/usr/share/datasets/fashion-mnist
layers="Alex-6 Alex-7 Alex-8 VGG-6 VGG-7 VGG-8 NT-We NT-Wd NT-LSTM"

# One side's run: every command in its own directory with the same relative paths, so that any path an
# output records is the same on both sides.
side() {
    local eiec=$1 dir=$2
    cd "$dir"
    set -x
    for ex in lenet/lenet-300-100 mlp/model; do
      name=$(basename "$(dirname "examples/$ex")")
      input="examples/$(dirname "$ex")/input.npy"
      "$eiec" build "examples/$ex.cz" -c examples/accel.yaml -o "out/$name"
      "$eiec" build "examples/$ex.cz" --pes 3 --fifo-depth 2 -o "out/$name-3pe"
      "$eiec" run "out/$name" --input "$input" -o "out/$name.run.npy" --reference "examples/$ex.cz"
      "$eiec" sim "out/$name" --input "$input" -o "out/$name.sim.npy" --json "out/$name.sim.json"
      "$eiec" sim "out/$name-3pe" --input "$input" --json "out/$name-3pe.sim.json" --per-pe
    done
    "$eiec" gen --all --seed 1 -o gen
    "$eiec" gen --dims 64,48,10 --density 0.2 --seed 3 -o gen-dims
    for layer in $layers; do
      "$eiec" build "gen/$layer.cz" -c eie-large.yaml -o "table3/$layer"
      "$eiec" sim "table3/$layer" --input "gen/$layer.input.npy" --json "table3/$layer.json" -o "table3/$layer.sim.npy"
    done
    "$eiec" run table3/NT-LSTM --input gen/NT-LSTM.input.npy -o table3/NT-LSTM.run.npy
    "$eiec" sweep examples/mlp/model.cz --pes 1,2,4,8 --fifo-depth 1,4 --field clock_mhz=400,800 -o sweep
    "$eiec" compress examples/lenet/lenet-300-100.npz -o compress/global.cz --density 0.08 --report compress/global.md
    "$eiec" compress examples/lenet/lenet-300-100.npz -o compress/layers.cz --config examples/lenet/prune.yaml
    if [ -d "$data" ]; then
      "$eiec" train --data "$data" -o train/dense.npz --layers 784,32,10 --epochs 1 --limit 2000 --eval-examples 500
      "$eiec" compress train/dense.npz -o train/retrained.cz --density 0.2 --data "$data" \
        --prune-epochs 1 --share-epochs 1 --eval-examples 200
      # eval's last column is wall-clock time: drop it, compare the accuracies and agreement counts.
      "$eiec" eval --data "$data" --limit 300 --sim-limit 50 train/dense.npz train/retrained.cz \
        | sed -E 's/│ +[0-9.]+ s +│$/│/' > train/eval.txt
    fi
}

# A side runs in its own bash (so that set -e holds inside it), logging to DIR.log.
run_side() {
  local eiec=$1 dir=$2
  rm -rf "$dir"; mkdir -p "$dir"
  cp -r "$repo/examples" "$repo/bench/eie-large.yaml" "$dir/"
  mkdir -p "$dir/compress" "$dir/train"
  if ! bash "$0" --side "$eiec" "$dir" > "$dir.log" 2>&1; then
    echo "$eiec failed; see $dir.log" >&2; tail -5 "$dir.log" >&2; return 1
  fi
}
if [ "${1:-}" = "--side" ]; then side "$2" "$3"; exit 0; fi

[ $# -ge 2 ] || { echo "usage: $0 OLD_EIEC NEW_EIEC [WORK_DIR]" >&2; exit 2; }
old=$(readlink -f "$1"); new=$(readlink -f "$2")
work=${3:-$(mktemp -d)}
mkdir -p "$work"
run_side "$old" "$work/old"
run_side "$new" "$work/new"

status=0
if ! diff -rq -x '*.png' -x rtl "$work/old" "$work/new"; then status=1; fi
# rtl/: provenance lines ("// eiec:") and files only NEW writes (files.f) are ignored. Verilog whose
# text differs is reported, not failed: scripts/check-rtl-equivalent.sh proves the hardware the same.
textual=0
while IFS= read -r f; do
  n=$work/new/${f#"$work/old/"}
  if [ ! -f "$n" ]; then echo "Only in $work/old: $f"; status=1
  elif ! cmp -s <(grep -v '^// eiec:' "$f") <(grep -v '^// eiec:' "$n"); then
    case $f in *.v|*.vh) textual=$((textual + 1)) ;; *) echo "Files $f and $n differ"; status=1 ;; esac
  fi
done < <(find "$work/old" -path '*/rtl/*' -type f | sort)
[ $textual -eq 0 ] || echo "rtl/: $textual Verilog file(s) differ textually, see scripts/check-rtl-equivalent.sh"
count=$(cd "$work/new" && find . -type f ! -name '*.png' | wc -l)
pngs=$(cd "$work/new" && find . -type f -name '*.png' | wc -l)
if [ $status -eq 0 ]; then
  echo "identical: $count files (and $pngs PNG plots, not compared) written by both binaries under $work"
else
  echo "DIFFERENT: see the files above (outputs under $work)"
fi
exit $status
