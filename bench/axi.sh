#!/usr/bin/env bash
# make bench (part of bench/run.sh): eie_axi_top end to end (docs/axi.md). For a batch of 100 vectors sent back
# to back with free-flowing streams: the latency of one vector (first input beat to last output beat), the
# batch's vectors/s at the configuration's clock, and the gain over sending one vector at a time, from the cycle
# simulator (eiec sim) for LeNet-300-100 at 16 PEs and VGG-6 at 64 PEs; for LeNet also from the RTL under
# Icarus (the model loaded through the AXI4-Lite load path from image.bin, the SPAN register), which must equal
# the simulator's batch cycles.
set -euo pipefail
cd "$(dirname "$0")/.."
EIEC=${EIEC:-bin/eiec}
work=build/bench/axi
mkdir -p "$work"
py=/usr/bin/python3

"$py" - "$work" <<'PY'
import sys, numpy as np
work = sys.argv[1]
rng = np.random.default_rng(1)
# Raw Q7.8 activations (int16 input is taken as is by eiec sim and sent as is to the RTL).
np.save(f"{work}/lenet-batch.npy", rng.integers(0, 256, (100, 784)).astype("<i2"))
np.save(f"{work}/vgg6-batch.npy", rng.integers(-256, 256, (100, 25088)).astype("<i2"))
PY

$EIEC build examples/lenet/lenet-300-100.cz -c examples/accel.yaml -o "$work/lenet" > /dev/null
[ -f "$work/VGG-6.cz" ] || $EIEC gen --layer VGG-6 --seed 1 -o "$work" > /dev/null
$EIEC build "$work/VGG-6.cz" -c bench/eie-large.yaml -o "$work/vgg6" > /dev/null

echo "## eie_axi_top end to end, batch of 100, free-flowing streams (simulator)"
for m in lenet vgg6; do
  # EIEC_BEFORE (optional): another eiec, e.g. a build of main before a timing change, on the same images.
  if [ -n "${EIEC_BEFORE:-}" ]; then
    $EIEC_BEFORE sim "$work/$m" --input "$work/$m-batch.npy" | grep '^eie_axi_top' | sed "s/^/$m (before): /"
  fi
  $EIEC sim "$work/$m" --input "$work/$m-batch.npy" | grep '^eie_axi_top' | sed "s/^/$m: /" | tee "$work/$m-sim.txt"
done
sim_batch=$(grep 'batch of 100' "$work/lenet-sim.txt" | sed -E 's/.*batch of 100: ([0-9,]+) cycles.*/\1/' | tr -d ,)

echo "## RTL (Icarus): LeNet-300-100 at 16 PEs loaded through AXI4-Lite from image.bin, 100 vectors back to back"
"$py" - "$work" <<'PY'
import sys, struct, numpy as np
work = sys.argv[1]
img = open(f"{work}/lenet/image.bin", "rb").read()
w = lambda at: struct.unpack_from("<I", img, at)[0]
lines = []
at = 100
for _ in range(w(28)):
    target, address, count = w(at), w(at + 4), w(at + 8)
    at += 12
    mem = target & 0xFF
    pieces = 8 if mem == 0 else 2 if mem == 2 else 1   # 64-bit sparse-matrix words in examples/accel.yaml
    if count == 0:
        continue
    lines += [f"1 80 {target:x}", f"1 84 {address:x}"]
    for _ in range(count * pieces):
        lines.append(f"1 88 {w(at):x}")
        at += 4
lines.append("1 0 1")
x = np.load(f"{work}/lenet-batch.npy").astype("<i2")
for v in x:
    beats = [int.from_bytes(v[i:i + 4].tobytes().ljust(8, b"\0"), "little") for i in range(0, len(v), 4)]
    lines += [f"3 {b:x} {int(k == len(beats) - 1)}" for k, b in enumerate(beats)]
lines += [f"4 {100 * 3:x} 0", "2 14 0", "2 10 0", "2 18 0", "0 0 0"]
open(f"{work}/lenet-axi.cmd", "w").write("\n".join(lines) + "\n")
PY
(cd "$work/lenet/rtl" && iverilog -g2012 -DEIE_NO_MEM_INIT -I . -o "$PWD/../../lenet-axi.vvp" \
  ../../../../../hosttest/tb/eie_axi_tb.v -c files.f)
start=$(date +%s.%N)
vvp -n "$work/lenet-axi.vvp" +cmd="$work/lenet-axi.cmd" +timeout=5000000 > "$work/lenet-axi.log"
end=$(date +%s.%N)
span=$(awk '$1 == "EIEC_RD" && $2 == "14" {print $3}' "$work/lenet-axi.log")
vectors=$(awk '$1 == "EIEC_RD" && $2 == "18" {print $3}' "$work/lenet-axi.log")
printf 'RTL SPAN %s cycles for %s vectors (simulator: %s); Icarus %.0f s\n' "$span" "$vectors" "$sim_batch" \
  "$(echo "$end - $start" | bc -l)"
[ "$span" = "$sim_batch" ] || { echo "axi: RTL and simulator differ" >&2; exit 1; }
