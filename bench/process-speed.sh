#!/usr/bin/env bash
# process-speed.sh [REPEATS]: the whole `eiec sim` and `eiec run` process, CPU time (user + sys) and wall
# time, of the ReadyToRun build (bin/eiec, `make build`) beside the Native AOT build (bin/eiec-native,
# `make aot`), each reading the packed image.bin and the hex files, on two layers:
#   fc    a 1000 x 4096 layer at 25 % weight density (`eiec gen --dims 4096,1000 --density 0.25`, seed 1)
#   VGG-6 25088 x 4096 at 4 % (`eiec gen --layer VGG-6`, seed 1)
# both at 64 PEs, queue depth 8 (bench/eie-large.yaml). Issue 12's reference is a C++ cycle-level
# simulator of the same array: about 0.05 s (fc) and 0.17 s (VGG-6) of CPU for the whole process.
# Every variant runs REPEATS times (default 5), interleaved round by round so that load on this shared
# machine hits all of them alike; the table gives medians and the in-process load and simulate times
# `eiec sim` prints. Files: build/bench/process/.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-5}
r2r=bin/eiec
native=bin/eiec-native
work=build/bench/process
mkdir -p "$work"
for b in "$r2r" "$native"; do
  [ -x "$b" ] || { echo "process-speed.sh: $b is missing; run make build aot" >&2; exit 1; }
done

# Images: each layer built once with image.bin, and a copy without it (then run/sim read the hex files).
[ -f "$work/mlp-4096-1000.cz" ] || $r2r gen --dims 4096,1000 --density 0.25 --seed 1 -o "$work" > /dev/null
[ -f "$work/VGG-6.cz" ] || $r2r gen --layer VGG-6 --seed 1 -o "$work" > /dev/null
declare -A model=([fc]=mlp-4096-1000 [VGG-6]=VGG-6)
declare -A reference=([fc]=0.05 [VGG-6]=0.17)
for layer in fc VGG-6; do
  m=${model[$layer]}
  $r2r build "$work/$m.cz" -c bench/eie-large.yaml -o "$work/$layer-bin" > /dev/null
  rm -rf "$work/$layer-hex"
  cp -r "$work/$layer-bin" "$work/$layer-hex"
  rm "$work/$layer-hex/image.bin"
done

# The two binaries must agree before their speed is compared.
for layer in fc VGG-6; do
  m=${model[$layer]}
  for cmd in sim run; do
    a=$($r2r "$cmd" "$work/$layer-bin" --input "$work/$m.input.npy" | grep -v '^wall time')
    b=$($native "$cmd" "$work/$layer-bin" --input "$work/$m.input.npy" | grep -v '^wall time')
    [ "$a" = "$b" ] || { echo "process-speed.sh: eiec $cmd differs between $r2r and $native ($layer)" >&2; exit 1; }
  done
done

variants=()
for layer in fc VGG-6; do
  for cmd in sim run; do
    for bin in r2r native; do
      for image in bin hex; do variants+=("$layer $cmd $bin $image"); done
    done
  done
done

# One sample: user+sys and wall seconds, and for sim the load and simulate milliseconds it prints.
sample() { # sample LAYER CMD BIN IMAGE
  local layer=$1 cmd=$2 bin=$3 image=$4 exe
  exe=$([ "$bin" = r2r ] && echo "$r2r" || echo "$native")
  /usr/bin/time -f "%U %S %e" -o "$work/time.txt" \
    "$exe" "$cmd" "$work/$layer-$image" --input "$work/${model[$layer]}.input.npy" > "$work/out.txt"
  read -r user sys wall < "$work/time.txt"
  local times
  times=$(sed -n 's/^wall time: load \([0-9.]*\) ms, simulate \([0-9.]*\) ms.*/\1 \2/p' "$work/out.txt")
  echo "$(echo "$user + $sys" | bc -l) $wall ${times:-- -}" >> "$work/$layer.$cmd.$bin.$image.txt"
}

for v in "${variants[@]}"; do rm -f "$work/${v// /.}.txt"; done
for ((r = 1; r <= repeats; r++)); do
  for v in "${variants[@]}"; do sample $v; done
done

median() { # median COLUMN FILE
  awk -v c="$1" '{print $c}' "$2" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : v[NR / 2]}'
}

echo
echo "## Whole process: eiec sim and eiec run, ReadyToRun vs Native AOT, image.bin vs hex"
echo
echo "Medians of $repeats runs each, interleaved; 64 PEs, queue depth 8. CPU = user + sys of the process"
echo "(/usr/bin/time, 10 ms resolution); the in-process times are wall times, so they grow with machine load."
echo "Reference (issue 12): a C++ cycle-level simulator, whole process: 0.05 s CPU (fc), 0.17 s CPU (VGG-6)."
echo "'vs R2R hex' is the CPU-time ratio to bin/eiec reading hex files; 'vs C++' to the reference."
echo
echo "| layer | command | build | image | CPU [s] | wall [s] | in-process load / simulate [ms] \
| vs R2R hex | vs C++ | beats C++ |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for v in "${variants[@]}"; do
  read -r layer cmd bin image <<< "$v"
  f="$work/$layer.$cmd.$bin.$image.txt"
  cpu=$(median 1 "$f"); wall=$(median 2 "$f")
  base=$(median 1 "$work/$layer.$cmd.r2r.hex.txt")
  inproc="-"
  [ "$cmd" = sim ] && inproc="$(median 3 "$f") / $(median 4 "$f")"
  ref=${reference[$layer]}
  beats=$(echo "$cpu < $ref" | bc -l | sed 's/1/yes/; s/0/no/')
  build=$([ "$bin" = r2r ] && echo ReadyToRun || echo 'Native AOT')
  file=$([ "$image" = bin ] && echo image.bin || echo hex)
  printf '| %s | %s | %s | %s | %.3f | %.3f | %s | %.2f | %.2f | %s |\n' "$layer" "$cmd" "$build" "$file" \
    "$cpu" "$wall" "$inproc" "$(echo "$cpu / $base" | bc -l)" "$(echo "$cpu / $ref" | bc -l)" "$beats"
done
