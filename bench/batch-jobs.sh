#!/usr/bin/env bash
# batch-jobs.sh [VECTORS] [REPEATS]: a batch through `eiec sim` and `eiec run` on one core (-j 1) and on
# every core (-j <cores>), side by side: wall and CPU time of the whole process, and a check that both
# write the same report and outputs byte for byte. Layer: 1000 x 4096 at 25 % weight density
# (`eiec gen --dims 4096,1000 --density 0.25`, seed 1), 64 PEs, queue depth 8 (bench/eie-large.yaml);
# VECTORS (default 256) random inputs, half of them zero (numpy, seed 1). Runs are interleaved round by
# round (REPEATS, default 3) so that load on a shared machine hits both alike; medians are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
vectors=${1:-256}
repeats=${2:-3}
eiec=bin/eiec
work=build/bench/jobs
cores=$(nproc)
mkdir -p "$work"
[ -x "$eiec" ] || { echo "batch-jobs.sh: $eiec is missing; run make build" >&2; exit 1; }
[ -f "$work/mlp-4096-1000.cz" ] || $eiec gen --dims 4096,1000 --density 0.25 --seed 1 -o "$work" > /dev/null
$eiec build "$work/mlp-4096-1000.cz" -c bench/eie-large.yaml -o "$work/img" > /dev/null
# Debian's python3 (python3-numpy), not a pyenv or venv one without numpy.
py=$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3 )
"$py" - "$work/x.npy" "$vectors" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(1)
x = rng.uniform(-1, 1, (int(sys.argv[2]), 4096)).astype(np.float32)
x[rng.random(x.shape) < 0.5] = 0
np.save(sys.argv[1], x)
PY

sample() { # sample CMD JOBS
  local cmd=$1 jobs=$2 extra=()
  [ "$cmd" = sim ] && extra=(--json "$work/$cmd.$jobs.json")
  /usr/bin/time -f "%U %S %e" -o "$work/time.txt" \
    $eiec "$cmd" "$work/img" -i "$work/x.npy" -j "$jobs" -o "$work/$cmd.$jobs.npy" "${extra[@]}" \
    > /dev/null 2>&1
  read -r user sys wall < "$work/time.txt"
  echo "$(echo "$user + $sys" | bc -l) $wall" >> "$work/$cmd.$jobs.txt"
}
for cmd in sim run; do for j in 1 "$cores"; do rm -f "$work/$cmd.$j.txt"; done; done
for ((r = 1; r <= repeats; r++)); do
  for cmd in sim run; do for j in 1 "$cores"; do sample "$cmd" "$j"; done; done
done
for cmd in sim run; do
  cmp "$work/$cmd.1.npy" "$work/$cmd.$cores.npy" || { echo "batch-jobs.sh: $cmd outputs differ" >&2; exit 1; }
done
cmp "$work/sim.1.json" "$work/sim.$cores.json" || { echo "batch-jobs.sh: sim reports differ" >&2; exit 1; }

median() { # median COLUMN FILE
  awk -v c="$1" '{print $c}' "$2" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : v[NR / 2]}'
}
echo
echo "## A batch of $vectors vectors on 1 and $cores cores ($(nproc) here; medians of $repeats interleaved runs)"
echo
echo "Outputs and the sim report are byte-identical between -j 1 and -j $cores (checked with cmp)."
echo
echo "| command | -j | CPU [s] | wall [s] | wall speedup vs -j 1 |"
echo "|---|---|---|---|---|"
for cmd in sim run; do
  base=$(median 2 "$work/$cmd.1.txt")
  for j in 1 "$cores"; do
    f="$work/$cmd.$j.txt"
    printf '| %s | %s | %.2f | %.2f | %.2f |\n' "$cmd" "$j" "$(median 1 "$f")" "$(median 2 "$f")" \
      "$(echo "$base / $(median 2 "$f")" | bc -l)"
  done
done
