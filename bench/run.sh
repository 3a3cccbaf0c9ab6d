#!/usr/bin/env bash
# make bench: speed and memory figures, measured side by side in one run on this machine.
# Not part of the default tests (minutes). Prints one section per benchmark and a summary table.
set -euo pipefail
cd "$(dirname "$0")/.."
EIEC=bin/eiec
work=build/bench
mkdir -p "$work"
host="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
echo "# eiec benchmarks on $host, $(date -u +%Y-%m-%dT%H:%MZ)"

timed() { # timed LABEL CMD... → prints wall seconds and peak RSS
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }
  read -r wall rss < "$work/time.txt"
  printf '%-44s %8.2f s wall %10.1f MB peak RSS\n' "$label" "$wall" "$(echo "$rss/1024" | bc -l)"
}

echo
echo "## Compiler: eiec build of the VGG-6 shape (25088 x 4096, 4% kept) at 64 PEs (target < 3 s, < 1.5 GB)"
[ -f "$work/VGG-6.cz" ] || $EIEC gen --layer VGG-6 --seed 1 -o "$work" > /dev/null
for i in 1 2 3; do
  timed "build VGG-6 @64 PEs, run $i" $EIEC build "$work/VGG-6.cz" -c bench/eie-large.yaml -o "$work/vgg6"
done
grep -E '^built' "$work/last.log"

echo
echo "## Golden model: multiply-accumulates per second on one thread (target >= 100 M MAC/s)"
$EIEC run "$work/vgg6" --input "$work/VGG-6.input.npy" --repeat 40 | grep benchmark

if $EIEC --help | grep -q "^  sim "; then
  echo
  echo "## Cycle simulator: VGG-6 at 64 PEs, file loading included (reference: ~0.2 s for a C++ cycle-level simulator)"
  for i in 1 2 3; do timed "eiec sim VGG-6 @64 PEs, run $i" $EIEC sim "$work/vgg6" --input "$work/VGG-6.input.npy"; done
fi
# Whole-process CPU time of eiec sim/run: ReadyToRun vs Native AOT (make aot), image.bin vs hex (issue 12).
bench/process-speed.sh
# A batch on one core and on every core (eiec sim/run -j): same bytes, wall-time speedup.
bench/batch-jobs.sh
bench/table3.sh
bench/table3-skew.sh
bench/table3-balance.sh
bench/table3-calibrated.sh
echo
echo "## Energy calibration against EIE Table II (docs/energy.md): fresh fit vs the committed table"
# Reuses table3.sh's layers; fails if the table or bench/energy-counts.json is stale or a held-out
# layer is more than 10 % off Table II.
bench/energy-calibrate.py --check --work build/bench/table3
if [ -x bench/rtl-vs-sim.sh ]; then bench/rtl-vs-sim.sh; fi
bench/axi.sh
if [ -x bench/compress.sh ]; then bench/compress.sh; fi
if [ -x bench/compress-curve.sh ]; then bench/compress-curve.sh; fi
# Yosys synth_xilinx at 1-16 PEs: the longest step (minutes, mostly the 16-PE synthesis).
if [ -x bench/resources.sh ]; then bench/resources.sh; fi
exit 0
