#!/usr/bin/env bash
# `make fpga`: the open iCE40 flow end to end for each target of hdl/fpga/floors.yaml: `eiec build`
# of the FPGA model (examples/fpga/model.cz) for the target's config (--multiplier dsp where the device
# has DSPs, else logic), Yosys synth_ice40 (-dsp where the device has DSPs) of the pin wrapper
# hdl/fpga/eie_fpga_top.v, nextpnr-ice40 place and route (fixed seed; with the target's `floorplan: true`
# each PE in a region of its own, hdl/fpga/floorplan.py), icetime timing analysis and icepack to a
# bitstream. Prints LCs, EBR, SPRAM, DSP and Fmax per target; fails when a design does not fit or its
# Fmax is below the target's floor.
#
#   hdl/scripts/fpga.sh [TARGET...]       default: every target in hdl/fpga/floors.yaml
#
# Environment: EIEC (default bin/eiec), SEED (nextpnr seed, default 1), OUT (default out/fpga).
# Place and route takes minutes per target on the 2-core development machine; it runs under nice.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
eiec=${EIEC:-$root/bin/eiec}
seed=${SEED:-1}
out=${OUT:-$root/out/fpga}
floors=$root/hdl/fpga/floors.yaml
for tool in yosys nextpnr-ice40 icetime icepack; do
  command -v "$tool" >/dev/null || {
    echo "fpga: $tool not found on PATH (scripts/ensure-tools.sh fpga installs it)" >&2; exit 1; }
done

# One field of a target in floors.yaml (two-level YAML, read without a YAML library).
field() {
  awk -v t="$1:" -v f="$2:" '$0 ~ /^[^ #]/ { in_t = ($1 == t) } in_t && $1 == f { print $2; exit }' "$floors"
}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(awk '/^[a-z0-9_]+:/ { sub(":", "", $1); print $1 }' "$floors")

fail=0
summary=()
for t in "${targets[@]}"; do
  config=$(field "$t" config); device=$(field "$t" device); package=$(field "$t" package)
  dsp=$(field "$t" dsp); floor=$(field "$t" fmax_mhz); floorplan=$(field "$t" floorplan)
  if [ -z "$config" ] || [ -z "$device" ] || [ -z "$package" ] || [ -z "$floor" ]; then
    echo "fpga: $floors: target '$t' needs config, device, package and fmax_mhz" >&2; exit 1
  fi
  dir=$out/$t
  rm -rf "$dir"; mkdir -p "$dir"
  # A device with DSPs gets the one-multiply arithmetic unit (a DSP per PE), one without the split multiply in
  # logic (docs/rtl.md, "DSP multiply").
  multiplier=logic
  [ "$dsp" = true ] && multiplier=dsp
  "$eiec" build "$root/examples/fpga/model.cz" -c "$root/$config" --multiplier "$multiplier" -o "$dir/image" \
    >/dev/null
  cd "$dir/image"
  sources=$(grep -v '^//' rtl/files.f | sed 's|^|rtl/|' | tr '\n' ' ')
  synth="synth_ice40 -top eie_fpga_top -json $dir/$t.json"
  [ "$dsp" = true ] && synth="$synth -dsp"
  start=$(date +%s)
  # The iCE40 cell library first, as blackboxes: an SPRAM build instantiates SB_SPRAM256KA, which
  # hierarchy -check must know before synth_ice40 reads the library itself.
  if ! nice yosys -q -l "$dir/yosys.log" -p "read_verilog -lib +/ice40/cells_sim.v;
      read_verilog -defer -Irtl $sources $root/hdl/fpga/eie_fpga_top.v;
      hierarchy -check -top eie_fpga_top; $synth; tee -o $dir/stat.txt stat" >/dev/null 2>&1; then
    echo "fpga: $t: yosys failed (log: $dir/yosys.log)" >&2
    grep -E "ERROR" "$dir/yosys.log" | head -5 >&2 || true
    exit 1
  fi
  # nextpnr fails (exit 1) when the design does not fit the device; timing is checked below instead.
  # floorplan: true puts each PE in a region of its own (hdl/fpga/floorplan.py, a --pre-place script).
  pnr_opts=()
  [ "$floorplan" = true ] && pnr_opts+=(--pre-place "$root/hdl/fpga/floorplan.py")
  if ! nice nextpnr-ice40 --"$device" --package "$package" --json "$dir/$t.json" --asc "$dir/$t.asc" \
      --seed "$seed" --freq 100 --timing-allow-fail --report "$dir/report.json" -l "$dir/nextpnr.log" -q \
      ${pnr_opts[@]+"${pnr_opts[@]}"} >"$dir/nextpnr.out" 2>&1; then
    echo "fpga: $t: nextpnr-ice40 failed (does the design fit the $device?); log: $dir/nextpnr.log" >&2
    grep -E "ERROR|more than|Unable" "$dir/nextpnr.log" | head -5 >&2 || true
    fail=1; cd "$root"; continue
  fi
  icetime -d "$device" -P "$package" -t -r "$dir/icetime.txt" "$dir/$t.asc" >/dev/null 2>&1 || true
  icepack "$dir/$t.asc" "$dir/$t.bin"
  seconds=$(( $(date +%s) - start ))
  cd "$root"

  # Utilisation from nextpnr's report: used / available per cell type.
  util() {
    python3 -c 'import json, sys
u = json.load(open(sys.argv[1]))["utilization"].get(sys.argv[2], {"used": 0, "available": 0})
print(u["used"], u["available"])' "$dir/report.json" "$1"
  }
  read -r lc lc_all < <(util ICESTORM_LC)
  read -r ebr ebr_all < <(util ICESTORM_RAM)
  read -r spram spram_all < <(util ICESTORM_SPRAM)
  read -r mac mac_all < <(util ICESTORM_DSP)
  pnr_mhz=$(python3 -c 'import json, sys
f = json.load(open(sys.argv[1]))["fmax"]
print("%.2f" % min(v["achieved"] for v in f.values()))' "$dir/report.json")
  ice_mhz=$(sed -n 's/.*Total path delay: .* (\([0-9.]*\) MHz).*/\1/p' "$dir/icetime.txt" | head -1)
  [ -n "$ice_mhz" ] || { echo "fpga: $t: no path delay in $dir/icetime.txt" >&2; exit 1; }
  fmax=$(python3 -c 'import sys; print("%.2f" % min(float(sys.argv[1]), float(sys.argv[2])))' "$pnr_mhz" "$ice_mhz")
  placed="seed $seed"
  [ "$floorplan" = true ] && placed="$placed, floorplan"
  line=$(printf '%-5s %s-%s  LC %d/%d  EBR %d/%d  SPRAM %d/%d  DSP %d/%d  Fmax %s MHz %s  %s  %d s' \
    "$t" "$device" "$package" "$lc" "$lc_all" "$ebr" "$ebr_all" "$spram" "$spram_all" "$mac" "$mac_all" \
    "$fmax" "(nextpnr $pnr_mhz, icetime $ice_mhz; floor $floor)" "$placed" "$seconds")
  echo "$line"
  summary+=("$line")
  if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)' "$fmax" "$floor"; then
    echo "fpga: $t: Fmax $fmax MHz is below the floor $floor MHz of $floors" >&2; fail=1
  fi
  echo "        bitstream $dir/$t.bin; critical path: $dir/icetime.txt, $dir/nextpnr.log"
done
exit $fail
