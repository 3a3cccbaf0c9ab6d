#!/usr/bin/env bash
# make bench (via bench/run.sh): the cycle simulator against the generated RTL under Verilator and
# Icarus, side by side in one run on ONE layer (default VGG-6, 25088 x 4096 at 4% weights, 18.3%
# non-zero inputs, 64 PEs, bench/eie-large.yaml). Issue targets: `eiec sim` at least 10x faster than
# Verilator and at least 1000x faster than Icarus on the same layer; `eiec sim` of VGG-6 at 64 PEs
# in about 0.2 s including file loading. Exactness first: the golden model (`eiec run`), the
# simulator, Verilator and Icarus must produce the same outputs bit for bit, and the RTL's `cycles`
# output must equal the simulator's total cycles; any difference exits 1 naming the first one.
#
#   bench/rtl-vs-sim.sh                       VGG-6 at 64 PEs (about 70 s: Icarus 25-40 s, Verilator C++ build 35-75 s)
#   LAYER=Alex-8 PES=16 bench/rtl-vs-sim.sh   any Table III layer (eiec gen --layer) and PE count
#   CONFIG=... SEED=... RUNS=3                accelerator YAML, model seed, timed runs of eiec sim and
#                                             Verilator (best of)
#
# Measured per tool: compile time (none for eiec sim; Verilator: Verilog -> C++ -> binary;
# Icarus: iverilog), and run time = wall time of the whole process (start-up, reading image and
# input files, simulating, writing outputs). Ratios are tool run / eiec sim run. A second ratio
# compares the simulation alone: eiec sim's in-process simulate time (--repeat, best of RUNS),
# Verilator's clocked loop (the harness's own timer, after $readmemh), Icarus's run minus a run
# stopped after 20 clocks (+timeout=20: start-up and $readmemh only).
# All three simulate the same image files (mem/*.hex) and the same int16 input vector. The RTL
# also simulates reset, INIT (one clock per accumulator row), LOAD (one clock per input) and OUT
# (one per output, plus one per group), which the `cycles` output and the simulator do not count.
# Intermediate files: build/bench/rtl-vs-sim/<layer>-pes<N>/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
EIEC=$root/bin/eiec
LAYER=${LAYER:-VGG-6}
PES=${PES:-64}
CONFIG=${CONFIG:-bench/eie-large.yaml}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
ICARUS_LIMIT=${ICARUS_LIMIT:-3600} # seconds; vvp is killed after this
work=$root/build/bench/rtl-vs-sim
dir=$work/$LAYER-pes$PES
img=$dir/image
for tool in iverilog vvp verilator g++ python3 /usr/bin/time; do
  command -v "$tool" > /dev/null || {
    echo "rtl-vs-sim: '$tool' not found (scripts/ensure-tools.sh installs iverilog and verilator)" >&2; exit 1
  }
done
[ -x "$EIEC" ] || { echo "rtl-vs-sim: $EIEC missing: run make build" >&2; exit 1; }
mkdir -p "$work/models" "$dir"
rm -rf "$dir/verilator" "$dir/icarus" "$dir"/*.log "$dir"/times.txt
mkdir -p "$dir/verilator" "$dir/icarus"
times=$dir/times.txt
: > "$times"
record() { echo "$1=$2" >> "$times"; }

# timed LOG CMD...: runs CMD with stdout and stderr to LOG, sets T to its wall time in seconds
# (nanosecond clock) and returns CMD's exit status.
timed() {
  local log=$1; shift
  local t0 t1 rc=0
  t0=$(date +%s%N)
  "$@" > "$log" 2>&1 || rc=$?
  t1=$(date +%s%N)
  T=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
  return $rc
}
must() { # must LOG CMD...: timed, and on failure show the log and exit 1
  local log=$1
  timed "$@" || { echo "rtl-vs-sim: failed: ${*:2}" >&2; tail -n 30 "$log" >&2; exit 1; }
}
best() { printf '%s\n' "$@" | sort -g | head -n 1; }

echo
echo "## Cycle simulator vs generated RTL: $LAYER at $PES PEs ($CONFIG)," \
  "Verilator and Icarus on the same image and input"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo);" \
  "load before: $(uptime | sed 's/.*load average/load average/')"

# ---- the layer, its image and RTL, one int16 input vector ----
[ -f "$work/models/$LAYER.cz" ] || "$EIEC" gen --layer "$LAYER" --seed "$SEED" -o "$work/models" > /dev/null
must "$dir/build.log" "$EIEC" build "$work/models/$LAYER.cz" -c "$CONFIG" --pes "$PES" -o "$img"
record build "$T"
grep -E '^built' "$dir/build.log" | sed "s|$root/||g"
# The generated float input quantized as eiec does (docs/fixed-point.md: round half away from zero
# at A fraction bits, saturate), written as int16 .npy (raw Q-format for eiec) and as input.hex
# (one 16-bit word per line, for the RTL). Plain Python: no NumPy needed.
python3 - "$work/models/$LAYER.input.npy" "$img/image.json" "$dir" <<'PY'
import ast, json, math, struct, sys
src, manifest, out = sys.argv[1:4]
frac = json.load(open(manifest))["activation_frac_bits"]
raw = open(src, "rb").read()
assert raw[:6] == b"\x93NUMPY", src
hlen, start = (struct.unpack("<H", raw[8:10])[0], 10) if raw[6] == 1 else (struct.unpack("<I", raw[8:12])[0], 12)
h = ast.literal_eval(raw[start:start + hlen].decode("latin1"))
n = math.prod(h["shape"])
assert len(h["shape"]) == 1 and not h["fortran_order"], h
fmt = {"<f4": "f", "<f8": "d", "<i2": "h"}[h["descr"]]
vals = struct.unpack(f"<{n}{fmt}", raw[start + hlen:start + hlen + n * struct.calcsize(fmt)])
def q(x):
    if fmt == "h": return x
    r = math.floor(abs(x) * (1 << frac) + 0.5)
    return max(-32768, min(32767, int(r if x >= 0 else -r)))
ints = [q(v) for v in vals]
header = f"{{'descr': '<i2', 'fortran_order': False, 'shape': ({n},), }}"
header += " " * (63 - (10 + len(header)) % 64) + "\n"
with open(f"{out}/input.i16.npy", "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + struct.pack(f"<{n}h", *ints))
with open(f"{out}/input.hex", "w") as f:
    f.write("".join(f"{v & 0xffff:04x}\n" for v in ints))
print(f"input: {n} activations, {sum(v != 0 for v in ints)} non-zero "
      f"({100 * sum(v != 0 for v in ints) / n:.1f} %), Q{15 - frac}.{frac}")
PY
words=$(wc -l < "$dir/input.hex")

# ---- golden model and simulator: outputs and cycles for the exactness check ----
must "$dir/golden.log" "$EIEC" run "$img" --input "$dir/input.i16.npy" -o "$dir/y_golden.npy" --raw
must "$dir/sim-check.log" "$EIEC" sim "$img" --input "$dir/input.i16.npy" -o "$dir/y_sim.npy" --raw \
  --json "$dir/sim.json"
sim_cycles=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['cycles'])" "$dir/sim.json")
timeout=$(( 4 * (sim_cycles + words) + 100000 ))

# ---- eiec sim: whole process, best of RUNS; in-process load and simulate (--repeat) ----
ts=()
for i in $(seq "$RUNS"); do must "$dir/sim-$i.log" "$EIEC" sim "$img" --input "$dir/input.i16.npy"; ts+=("$T"); done
record sim_runs "${ts[*]}"
record sim_run "$(best "${ts[@]}")"
must "$dir/sim-repeat.log" "$EIEC" sim "$img" --input "$dir/input.i16.npy" --repeat "$RUNS"
rep=$(grep -E '^best of' "$dir/sim-repeat.log")
record sim_load "$(sed -E 's/.*load ([0-9.]+) ms.*/\1/' <<< "$rep" | awk '{print $1/1000}')"
record sim_simulate "$(sed -E 's/.*simulate ([0-9.]+) ms.*/\1/' <<< "$rep" | awk '{print $1/1000}')"
echo "eiec sim: process wall ${ts[*]} s; in-process $rep"

# ---- Verilator: the generated RTL + bench/verilator/eie_harness.cpp, single-threaded ----
# The RTL sources in compile order: the file list eiec writes beside them (comment lines skipped).
mapfile -t rtl_files < <(grep -v '^//' "$img/rtl/files.f" | sed "s|^|$img/rtl/|")
vflags=(--cc --exe --build -O3 --x-assign fast --x-initial fast -j "$(nproc)" -MAKEFLAGS "OPT_FAST=-O2 OPT_GLOBAL=-O2"
        --top-module eie_top -I"$img/rtl" --Mdir "$dir/verilator/obj" -o "$dir/verilator/eie_vsim")
echo "verilator ${vflags[*]} (rtl/files.f) bench/verilator/eie_harness.cpp" | sed "s|$root/||g"
must "$dir/verilator/build.log" verilator "${vflags[@]}" "${rtl_files[@]}" "$root/bench/verilator/eie_harness.cpp"
record verilator_compile "$T"
ts=(); vl=(); vs=(); vw=()
for i in $(seq "$RUNS"); do
  must "$dir/verilator-$i.log" env -C "$img" "$dir/verilator/eie_vsim" \
    +in=../input.hex +in_words="$words" +runs=1 +timeout="$timeout"
  ts+=("$T")
  read -r _ _ l _ s _ c _ w < <(grep '^EIEC_TIME' "$dir/verilator-$i.log")
  vl+=("$l"); vs+=("$s"); vw+=("$w")
done
record verilator_runs "${ts[*]}"
record verilator_run "$(best "${ts[@]}")"
record verilator_load "$(best "${vl[@]}")"
record verilator_simulate "$(best "${vs[@]}")"
record verilator_scanwb "$(best "${vw[@]}")"
record verilator_clocks "$c"
echo "verilator: process wall ${ts[*]} s; in-process load ${vl[*]} s, simulate ${vs[*]} s" \
  "(of which SCAN+WB ${vw[*]} s); $c clocks"

# ---- Icarus: hosttest/tb/eie_tb.v (no trace), one run, and one stopped after 20 clocks ----
iflags=(-g2012 -I "$img/rtl" -o "$dir/icarus/eie_tb.vvp")
echo "iverilog ${iflags[*]} hosttest/tb/eie_tb.v (rtl/files.f)" | sed "s|$root/||g"
must "$dir/icarus/build.log" iverilog "${iflags[@]}" "$root/hosttest/tb/eie_tb.v" "${rtl_files[@]}"
record icarus_compile "$T"
echo "vvp: running (25-40 s for VGG-6 at 64 PEs on a 2-core machine)..."
must "$dir/icarus-1.log" timeout "$ICARUS_LIMIT" env -C "$img" vvp -n "$dir/icarus/eie_tb.vvp" \
  +in=../input.hex +in_words="$words" +runs=1 +timeout="$timeout"
record icarus_run "$T"
timed "$dir/icarus-load.log" env -C "$img" vvp -n "$dir/icarus/eie_tb.vvp" \
  +in=../input.hex +in_words="$words" +runs=1 +timeout=20 || true
grep -q 'EIEC_ERROR timeout after 21 cycles' "$dir/icarus-load.log" || {
  echo "rtl-vs-sim: the 20-clock Icarus run did not stop as expected:" >&2; tail "$dir/icarus-load.log" >&2; exit 1
}
record icarus_load "$T"
echo "icarus: run $(grep icarus_run= "$times" | cut -d= -f2) s, start-up and \$readmemh alone $T s"
echo "load after: $(uptime | sed 's/.*load average/load average/')"

# ---- exactness, then the table ----
python3 - "$dir" "$times" "$LAYER" "$PES" <<'PY'
import ast, json, math, os, re, struct, sys
d, times_file, layer, pes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
t = dict(l.strip().split("=", 1) for l in open(times_file) if "=" in l)
f = lambda k: float(t[k])

def npy_i16(path):
    raw = open(path, "rb").read()
    hlen, start = (struct.unpack("<H", raw[8:10])[0], 10) if raw[6] == 1 else (struct.unpack("<I", raw[8:12])[0], 12)
    h = ast.literal_eval(raw[start:start + hlen].decode("latin1"))
    assert h["descr"] == "<i2", (path, h)
    n = math.prod(h["shape"])
    return list(struct.unpack(f"<{n}h", raw[start + hlen:start + hlen + 2 * n]))

def rtl_log(path):
    text = open(path, errors="replace").read()
    bad = [l for l in text.splitlines() if "EIEC_ERROR" in l or "warning" in l.lower() or "error" in l.lower()]
    if bad or "EIEC_END 1" not in text:
        sys.exit(f"MISMATCH: {path}: the RTL run failed: {(bad or ['no EIEC_END line'])[0]}")
    outs = [int(m.group(2)) for m in re.finditer(r"^EIEC_OUT 0 (\d+) (-?\d+)$", text, re.M)]
    idx = [int(m.group(1)) for m in re.finditer(r"^EIEC_OUT 0 (\d+) (-?\d+)$", text, re.M)]
    if idx != list(range(len(idx))): sys.exit(f"MISMATCH: {path}: output indices out of order")
    cyc = [int(m.group(1)) for m in re.finditer(r"^EIEC_CYCLES 0 (\d+)$", text, re.M)]
    return outs, (cyc[0] if len(cyc) == 1 else None)

golden = npy_i16(f"{d}/y_golden.npy")
sim_out = npy_i16(f"{d}/y_sim.npy")
sim_cycles = json.load(open(f"{d}/sim.json"))["summary"]["cycles"]
runs = sorted(int(m.group(1)) for m in (re.match(r"verilator-(\d+)\.log$", n) for n in os.listdir(d)) if m)
results = {"eiec sim": (sim_out, sim_cycles)}
for r in runs: results[f"Verilator run {r}"] = rtl_log(f"{d}/verilator-{r}.log")
results["Icarus"] = rtl_log(f"{d}/icarus-1.log")
failed = False
for name, (outs, cyc) in results.items():
    if cyc != sim_cycles:
        print(f"MISMATCH: {name}: cycles {cyc}, eiec sim total cycles {sim_cycles}"); failed = True
    if len(outs) != len(golden):
        print(f"MISMATCH: {name}: {len(outs)} outputs, golden model {len(golden)}"); failed = True
    diff = next((i for i, (a, b) in enumerate(zip(outs, golden)) if a != b), None)
    if diff is not None:
        print(f"MISMATCH: {name}: output[{diff}] = {outs[diff]}, golden model (eiec run) {golden[diff]} "
              f"({sum(a != b for a, b in zip(outs, golden))} of {len(golden)} differ)"); failed = True
if failed: sys.exit(1)

n = len(golden)
ok = f"{n}/{n} equal"
sim_run, sim_sim = f("sim_run"), f("sim_simulate")
i_sim = f("icarus_run") - f("icarus_load")
def x(v): return f"{v:,.0f}x" if v >= 100 else f"{v:.1f}x"
print()
print(f"Layer {layer} at {pes} PEs; the RTL's cycles output equals the simulator's {sim_cycles:,} cycles (SCAN+WB) "
      f"in every run, "
      f"and all {n} outputs equal the golden model (eiec run) bit for bit in every tool.")
print()
print("| tool | compile [s] | run: whole process [s] | of which load [s] | simulate [s] | clocks simulated "
      "| cycles output | outputs vs golden | run / eiec sim run | simulate / eiec sim simulate |")
print("|---|---|---|---|---|---|---|---|---|---|")
print(f"| eiec sim (best of {len(runs)}) | - | {sim_run:.3f} | {f('sim_load'):.3f} | {sim_sim:.3f} "
      f"| {sim_cycles:,} (SCAN+WB only) | {sim_cycles:,} | {ok} | 1x | 1x |")
print(f"| Verilator 5.006, 1 thread (best of {len(runs)}) | {f('verilator_compile'):.1f} | {f('verilator_run'):.3f} "
      f"| {f('verilator_load'):.3f} | {f('verilator_simulate'):.3f} | {int(t['verilator_clocks']):,} "
      f"| {sim_cycles:,} | {ok} | "
      f"{x(f('verilator_run') / sim_run)} | {x(f('verilator_simulate') / sim_sim)} |")
print(f"| Icarus 11 vvp (1 run) | {f('icarus_compile'):.1f} | {f('icarus_run'):.2f} | {f('icarus_load'):.2f} "
      f"| {i_sim:.2f} | {int(t['verilator_clocks']):,} | {sim_cycles:,} | {ok} | "
      f"{x(f('icarus_run') / sim_run)} | {x(i_sim / sim_sim)} |")
print()
print(f"eiec sim load/simulate: in-process, warm (--repeat, best); "
      f"run: the whole `eiec sim` process (.NET start-up, image and input files, report). "
      f"Verilator load: input file, model construction and $readmemh; simulate: its clocked loop. "
      f"Icarus load: a run stopped after 20 clocks.")
print(f"eiec build (image + RTL, shared by all three): {f('build'):.2f} s.")
vw = f("verilator_scanwb")
print(f"Per simulated clock: eiec sim {sim_cycles / sim_sim / 1e3:,.0f} k cycles/s (SCAN+WB); "
      f"Verilator {int(t['verilator_clocks']) / f('verilator_simulate') / 1e3:,.0f} k clocks/s overall, "
      f"its SCAN+WB clocks alone (last input accepted to first output) {vw:.3f} s = "
      f"{sim_cycles / vw / 1e3:,.0f} k cycles/s ({x(vw / sim_sim)} eiec sim's simulate); "
      f"Icarus {int(t['verilator_clocks']) / i_sim / 1e3:,.1f} k clocks/s.")
def verdict(v, target): return f"{x(v)} -> {'met' if v >= target else 'NOT met'}"
print(f"Target eiec sim >= 10x faster than Verilator: whole process {verdict(f('verilator_run') / sim_run, 10)}; "
      f"simulation alone {verdict(f('verilator_simulate') / sim_sim, 10)}.")
print(f"Target eiec sim >= 1000x faster than Icarus: whole process {verdict(f('icarus_run') / sim_run, 1000)}; "
      f"simulation alone {verdict(i_sim / sim_sim, 1000)}.")
if layer == "VGG-6" and pes == 64:
    print(f"Target eiec sim of VGG-6 at 64 PEs in about 0.2 s including file loading: whole process {sim_run:.3f} s; "
          f"in-process load + simulate {f('sim_load') + sim_sim:.3f} s -> "
          f"{'met' if sim_run <= 0.2 else 'met in-process only' if f('sim_load') + sim_sim <= 0.2 else 'NOT met'}.")
PY
