#!/usr/bin/env bash
# Runs the test suite and ends with one plain line "N passed, N failed" (CI reads that line).
set -uo pipefail
cd "$(dirname "$0")/.."
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
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ]
