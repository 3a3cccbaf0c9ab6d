#!/usr/bin/env bash
# Coverage-guided fuzzing of every user-fed parser with AFL++ and SharpFuzz (issue 11):
#   make fuzz FUZZ_SECONDS=600 [FUZZ_TARGETS="cz npz"]
# Publishes hosttest/Eiec.Fuzz, instruments the eiec assemblies (and YamlDotNet, whose parser the
# configs go through), runs afl-fuzz for FUZZ_SECONDS on each target from its seed corpus
# (hosttest/Eiec.Tests/Fuzz/corpus/NAME), and copies every crash or hang into
# hosttest/Eiec.Tests/Fuzz/regressions/NAME, which the mutation suite in `make test` replays.
# The GC heap is capped at 1 GiB, so an input that needs more is a crash too. Exits 1 on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"cz npy npz onnx accel energy table prune image imagebin"}
out=build/fuzz
tools=build/tools
fuzz=hosttest/Eiec.Tests/Fuzz

command -v afl-fuzz >/dev/null || { echo "afl-fuzz missing: run scripts/ensure-tools.sh fuzz" >&2; exit 1; }
[ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
# Fresh copies every time: instrumenting an assembly twice fails.
rm -rf "$out/bin"
dotnet publish hosttest/Eiec.Fuzz/Eiec.Fuzz.csproj -c Release -o "$out/bin" --nologo -v quiet
for dll in Eiec.Contract Eiec.FrontEnd Eiec.Sim YamlDotNet; do
  "$tools/sharpfuzz" "$out/bin/$dll.dll" >/dev/null
done

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_FORKSRV_INIT_TMOUT=60000
export DOTNET_GCHeapHardLimit=0x40000000 DOTNET_TieredPGO=0
found=0 failed=0
printf '%-8s %10s %10s %8s %6s\n' target inputs inputs/s crashes hangs
for t in $targets; do
  rm -rf "$out/findings/$t"
  mkdir -p "$out/findings"
  afl-fuzz -i "$fuzz/corpus/$t" -o "$out/findings/$t" -V "$seconds" -t 10000 -m none \
    -- dotnet "$out/bin/Eiec.Fuzz.dll" "$t" > "$out/afl-$t.log" 2>&1 || {
      echo "$t: afl-fuzz failed, see $out/afl-$t.log" >&2; tail -5 "$out/afl-$t.log" >&2; failed=1; continue; }
  stats="$out/findings/$t/default/fuzzer_stats"
  get() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  printf '%-8s %10s %10s %8s %6s\n' "$t" "$(get execs_done)" "$(get execs_per_sec)" \
    "$(get saved_crashes)" "$(get saved_hangs)"
  mkdir -p "$fuzz/regressions/$t"
  for f in "$out/findings/$t"/default/crashes/id:* "$out/findings/$t"/default/hangs/id:*; do
    [ -e "$f" ] || continue
    cp "$f" "$fuzz/regressions/$t/afl-$(sha1sum "$f" | cut -c1-12)"
    found=1
  done
done
[ "$found" -eq 0 ] || echo "findings copied into $fuzz/regressions/ (replayed by make test)" >&2
[ "$found" -eq 0 ] && [ "$failed" -eq 0 ]
