#!/usr/bin/env bash
# Installs the external tools the tests drive (Icarus Verilog, Verilator, Yosys, Debian's NumPy/SciPy/ONNX
# for interoperability fixtures, Fashion-MNIST) when they are missing. Root installs with apt-get;
# anyone else gets the command to run. `ensure-tools.sh fuzz` also wants AFL++ (make fuzz);
# `ensure-tools.sh fpga` also wants nextpnr-ice40 and the IceStorm tools, icetime and icepack (make fpga).
set -euo pipefail
missing=()
if [ "${1:-}" = fuzz ]; then command -v afl-fuzz >/dev/null || missing+=(afl++); fi
if [ "${1:-}" = fpga ]; then
  command -v nextpnr-ice40 >/dev/null || missing+=(nextpnr-ice40)
  { command -v icetime >/dev/null && command -v icepack >/dev/null; } || missing+=(fpga-icestorm)
fi
command -v iverilog >/dev/null || missing+=(iverilog)
command -v verilator >/dev/null || missing+=(verilator)
command -v yosys >/dev/null || missing+=(yosys)
command -v tclsh >/dev/null || missing+=(tcl) # runs the generated Vivado/Quartus scripts with stubs
/usr/bin/python3 -c 'import numpy, scipy' 2>/dev/null || missing+=(python3-numpy python3-scipy)
/usr/bin/python3 -c 'import onnx' 2>/dev/null || missing+=(python3-onnx)
[ -d /usr/share/datasets/fashion-mnist ] || missing+=(dataset-fashion-mnist)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing: ${missing[*]}; install with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing ${missing[*]} ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
