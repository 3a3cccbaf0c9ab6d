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
# Characters, not bytes. Exempt: onnx.proto (ONNX's own schema), the .sln (Visual Studio's), and
# Markdown table rows and fenced blocks (a table row cannot be wrapped; a block quotes output verbatim).
if ! git ls-files -- '*.cs' '*.csproj' '*.props' '*.v' '*.vh' '*.sh' '*.py' '*.cpp' '*.yaml' '*.md' \
    'Makefile' '*.ys' '*.tcl' | python3 -c '
import sys
bad = 0
for path in sys.stdin.read().split():
    fenced = False
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        md = path.endswith(".md")
        if md and line.lstrip().startswith("```"):
            fenced = not fenced
        if len(line) > 120 and not (md and (fenced or line.lstrip().startswith("|"))):
            bad += 1
            if bad <= 50: print(f"{path}:{n}: {len(line)} characters")
if bad: print(f"style: {bad} line(s) over 120 characters"); sys.exit(1)
'; then status=1; fi
[ $status -eq 0 ] && echo "style: clean (dotnet format, lines <= 120)"
exit $status
