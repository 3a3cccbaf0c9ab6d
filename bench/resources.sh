#!/usr/bin/env bash
# Resource table of the generated PE array: Yosys synth_xilinx (7-series) LUT / FF / LUTRAM / BRAM / DSP
# for 1, 2, 4, 8 and 16 PEs of one fixed model, then the block RAM one PE takes at the EIE paper's
# memory sizes. Prints Markdown, one row per synthesis with the command that reproduces it.
#
#   bench/resources.sh                 every row (16 PEs takes minutes on 2 cores)
#   PES_LIST="1 2" bench/resources.sh  some rows only
#
# The model is fixed (examples/mlp/model.cz, 256-128-64-10) because the weights are ROM contents:
# another model changes what Yosys can fold away in the ROMs, so the counts belong to this model.
# Synthesis runs at `nice -n 10` so that it yields the CPU to interactive work on a shared machine.
# Environment: EIEC (default bin/eiec), PES_LIST, MODEL, CONFIG. Files: build/bench/resources/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
eiec=${EIEC:-bin/eiec}
model=${MODEL:-examples/mlp/model.cz}
config=${CONFIG:-examples/accel.yaml}
pes_list=${PES_LIST:-1 2 4 8 16}
work=build/bench/resources
mkdir -p "$work"

# One synthesis: prints "lut ff lutram bram b36 b18 dsp seconds" from hdl/scripts/synth.sh's summary line.
synth() {
  local img=$1 pes=$2 out secs
  out=$(PES=$pes nice -n 10 hdl/scripts/synth.sh "$img")
  secs=$(echo "$out" | sed -n 's/.* in \([0-9]*\) s$/\1/p')
  local n='\([0-9.]*\)'
  echo "$out" | sed -n \
    "s/^LUT $n  FF $n  LUTRAM $n  .*  BRAM $n (RAMB36 $n + RAMB18 $n)  DSP $n\$/\1 \2 \3 \4 \5 \6 \7 $secs/p"
}

echo "## Resources: Yosys $(yosys -V | awk '{print $2}') synth_xilinx (xc7), model $model"
echo
echo "Config \`$config\` with \`--pes\` overridden. BRAM counts 36 Kb blocks (a RAMB18 is half of one)."
echo
echo "| PEs | LUT | FF | LUTRAM | BRAM (RAMB36 + RAMB18) | DSP48E1 | synthesis [s] | command |"
echo "|---|---|---|---|---|---|---|---|"
for pes in $pes_list; do
  img=$work/pes$pes
  rm -rf "$img" # synth.sh leaves its log in the image, which a rebuild refuses to replace
  "$eiec" build "$model" -c "$config" --pes "$pes" --multiplier dsp -o "$img" >/dev/null
  read -r lut ff lutram bram b36 b18 dsp secs < <(synth "$img" "$pes")
  echo "| $pes | $lut | $ff | $lutram | $bram ($b36 + $b18) | $dsp | $secs |" \
    "\`eiec build $model -c $config --pes $pes --multiplier dsp -o $img && hdl/scripts/synth.sh $img\` |"
done

# The paper's memories (128 KB sparse matrix, 32 KB pointers, 2 KB activations per PE, 1024 bias
# entries): eiec's built-in defaults. One PE, so the row is the block RAM of one PE plus the shared
# layer table and codebook (both LUT ROMs, no BRAM).
echo
echo "### Block RAM per PE at the paper's memory sizes (built-in defaults, 1 PE)"
echo
echo "| PEs | LUT | FF | LUTRAM | BRAM (RAMB36 + RAMB18) | DSP48E1 | synthesis [s] | command |"
echo "|---|---|---|---|---|---|---|---|"
img=$work/paper-pes1
rm -rf "$img"
"$eiec" build "$model" --pes 1 --multiplier dsp -o "$img" >/dev/null
read -r lut ff lutram bram b36 b18 dsp secs < <(synth "$img" 1)
echo "| 1 | $lut | $ff | $lutram | $bram ($b36 + $b18) | $dsp | $secs |" \
  "\`eiec build $model --pes 1 --multiplier dsp -o $img && hdl/scripts/synth.sh $img\` |"
