#!/usr/bin/env bash
# Runs the test suite and ends with one plain line "N passed, N failed" (CI reads that line).
# With --style first, the style gate (scripts/check-style.sh: dotnet format, 120-character lines) runs
# before the tests and counts as one more test in that line.
set -uo pipefail
cd "$(dirname "$0")/.."
style_passed=0 style_failed=0
if [ "${1:-}" = "--style" ]; then
    shift
    if scripts/check-style.sh; then style_passed=1; else style_failed=1; fi
fi
log=$(mktemp)
dotnet test Toolchain.sln -c Release --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
    echo "dotnet test failed before running tests (see above)"
fi
rm -f "$log"
passed=$((passed + style_passed)) failed=$((failed + style_failed))
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$style_failed" -eq 0 ]
