#!/usr/bin/env bash
# Style gate run by `make test`: the .editorconfig style (dotnet format, whitespace and code style) and
# no line over 120 characters in tracked source, script and document files. Prints what is wrong and
# exits 1; `dotnet format Toolchain.sln` fixes the first kind, the second is fixed by hand.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
if ! dotnet format Toolchain.sln --verify-no-changes --severity warn -v quiet; then
  echo "style: dotnet format reports changes (run: dotnet format Toolchain.sln)"; status=1
fi
# Generated or third-party files are exempt: onnx.proto is ONNX's own schema, the .sln is Visual Studio's.
long=$(git ls-files -- '*.cs' '*.csproj' '*.props' '*.v' '*.vh' '*.sh' '*.py' '*.cpp' '*.yaml' '*.md' 'Makefile' \
  ':!:*.proto' | xargs awk 'length > 120 { print FILENAME ":" FNR ": " length " characters" }')
if [ -n "$long" ]; then
  echo "$long" | head -50
  echo "style: $(echo "$long" | wc -l) line(s) over 120 characters"; status=1
fi
[ $status -eq 0 ] && echo "style: clean (dotnet format, lines <= 120)"
exit $status
