#!/usr/bin/env bash
# The nine EIE Table III layers at 64 PEs, 800 MHz, queue depth 8 (bench/eie-large.yaml: the paper's
# accelerator with pointers wide enough for VGG-6): cycles, latency, ideal bound, load-balance
# efficiency and energy per layer, from the cycle simulator, plus the energy per PE-cycle implied by
# the default energy table next to the paper's 9.157 mW / 800 MHz = 11.45 pJ.
set -euo pipefail
cd "$(dirname "$0")/.."
EIEC=bin/eiec
work=build/bench/table3
mkdir -p "$work"
echo
echo "## Table III layers at 64 PEs, 800 MHz, queue depth 8 (cycle simulator, seed-1 random layers at the table's densities)"
for layer in Alex-6 Alex-7 Alex-8 VGG-6 VGG-7 VGG-8 NT-We NT-Wd NT-LSTM; do
  [ -f "$work/$layer.cz" ] || $EIEC gen --layer "$layer" --seed 1 -o "$work" > /dev/null
  $EIEC build "$work/$layer.cz" -c bench/eie-large.yaml -o "$work/$layer" > /dev/null
  $EIEC sim "$work/$layer" --input "$work/$layer.input.npy" --json "$work/$layer.json" > /dev/null
done
python3 - "$work" <<'PY'
import json, sys, os
work = sys.argv[1]
layers = "Alex-6 Alex-7 Alex-8 VGG-6 VGG-7 VGG-8 NT-We NT-Wd NT-LSTM".split()
print(f"| layer | non-zero inputs | entries issued (padding) | cycles | latency [µs] | ideal scan [cycles] | load balance | useful GOP/s | energy [nJ] | power [mW] |")
print("|---|---|---|---|---|---|---|---|---|---|")
busy_pj = busy_cycles = 0
for name in layers:
    r = json.load(open(os.path.join(work, name + ".json")))
    s, l = r["summary"], r["layers"][0]
    e = r["energy"]
    print(f"| {name} | {l['non_zero_inputs']} | {s['issued_entries']} ({s['padding_entries']}) | {s['cycles']} | {s['latency_us']:.2f} | "
          f"{s['ideal_scan_cycles']} | {100*s['load_balance_efficiency']:.1f} % | {s['throughput_useful_gops']:.1f} | {e['per_inference_pj']/1000:.1f} | {e['average_power_mw']:.1f} |")
PY
echo
echo "Energy per PE-cycle at full activity (every per-PE action once per cycle) from the default table:"
python3 - sim/Eiec.Sim/Energy/eie-45nm.yaml <<'PY'
import re, sys
text = open(sys.argv[1]).read()
pj = {m.group(1): float(m.group(2)) for m in re.finditer(r"^  (\w+):\n    pj: ([0-9.]+)", text, re.M)}
per_pe = sum(v for k, v in pj.items() if k not in ("lnzd_cycle", "pe_idle_cycle"))
print(f"  {per_pe:.2f} pJ per PE-cycle (paper: 9.157 mW / 800 MHz = {9.157/800*1000:.2f} pJ)")
PY
