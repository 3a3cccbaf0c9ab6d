# eiec: build, test, examples and benchmarks. `make help` lists the targets.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIGURATION ?= Release
EIEC := bin/eiec
EIEC_NATIVE := bin/eiec-native
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: print-build-inputs help build aot test unit-test iverilog-test gate-test example lint synth fpga bench \
	tools clean fuzz

help:
	@echo "make example        build the tool, then compile, run, simulate and evaluate the bundled LeNet-300-100"
	@echo "make test           the whole test suite (unit + RTL under Icarus); ends with 'N passed, N failed'"
	@echo "make iverilog-test  only the generated-RTL tests under Icarus Verilog"
	@echo "make lint           verilator --lint-only -Wall on generated RTL"
	@echo "make synth          yosys synth_xilinx of a 64-PE build of the example (LUT/FF/BRAM/DSP)"
	@echo "make fpga           iCE40 UP5K and HX8K: synth, place and route, timing, bitstream; fails below the Fmax floors"
	@echo "make gate-test      the post-synthesis iCE40 netlist under Icarus equals the golden model and the simulator"
	@echo "make aot            bin/eiec-native: the same tool as a Native AOT executable (faster start, minutes to build)"
	@echo "make bench          speed and memory benchmarks (minutes)"
	@echo "make fuzz           AFL++ on every input parser, FUZZ_SECONDS each (default 60); crashes kept"

build: $(EIEC)

# A framework-dependent ReadyToRun publish plus a launcher script: bin/eiec works from any directory,
# and precompiled code keeps start-up short (a cold `eiec sim` of VGG-6 is dominated by JIT otherwise).
#
# Its inputs are every file that goes into the binary: sources, project files, and every embedded
# resource (Verilog templates, YAML tables, onnx.proto), so that touching a template rebuilds it and
# `make lint/synth/example` never use stale RTL. obj/ and bin/ hold generated files and are skipped.
EIEC_INPUTS := $(shell find compiler hdl sim \( -name obj -o -name bin \) -prune -o -type f \
	\( -name '*.cs' -o -name '*.csproj' -o -name '*.v' -o -name '*.vh' -o -name '*.yaml' -o -name '*.proto' \) \
	-print 2>/dev/null | sort) Directory.Build.props Directory.Packages.props global.json .editorconfig
$(EIEC): $(EIEC_INPUTS)
	$(DOTNET) publish compiler/Eiec.Cli/Eiec.Cli.csproj -c $(CONFIGURATION) -r linux-x64 --self-contained false \
		-p:PublishReadyToRun=true -o build/eiec --nologo -v quiet
	@mkdir -p bin
	@printf '#!/usr/bin/env bash\n' > $(EIEC)
	@printf 'exec dotnet "$$(dirname "$$(readlink -f "$$0")")/../build/eiec/eiec.dll" "$$@"\n' >> $(EIEC)
	@chmod +x $(EIEC)

# The same CLI as one Native AOT executable (issue 12: a whole `eiec sim`/`eiec run` process cheaper than a
# C++ simulator's; figures in bench/README.md). It starts in a few ms instead of ~0.1 s of .NET start-up.
# Opt-in, not the default `make build`: the native compile and link take minutes of CPU on every source
# change (5 min on the shared 2-core development machine at load average 26, against 2 min for the
# ReadyToRun publish at the same load), need clang and zlib1g-dev (scripts/ensure-tools.sh aot), and would
# slow `make example`, `make test` and CI for a start-up gain that only matters when a process is run many
# times. bin/eiec-native links to build/eiec-native/eiec, next to the native libraries (SkiaSharp) the plots
# load (make follows the link, so the executable's time decides whether it is stale). `make bench` builds it.
aot: $(EIEC_NATIVE)

$(EIEC_NATIVE): $(EIEC_INPUTS)
	@scripts/ensure-tools.sh aot
	$(DOTNET) publish compiler/Eiec.Cli/Eiec.Cli.csproj -c $(CONFIGURATION) -r linux-x64 -p:PublishAot=true \
		-o build/eiec-native --nologo -v quiet
	@mkdir -p bin
	@ln -sfn ../build/eiec-native/eiec $(EIEC_NATIVE)

# The files bin/eiec is rebuilt from, one a line (hosttest's MakefileTests check the list is complete).
print-build-inputs:
	@printf '%s\n' $(EIEC_INPUTS)

tools:
	@scripts/ensure-tools.sh

test: tools
	@scripts/run-tests.sh --style

unit-test:
	@scripts/run-tests.sh --filter "FullyQualifiedName!~Rtl"

# Coverage-guided fuzzing of every parser a user can feed (scripts/fuzz.sh; issue 11).
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/ensure-tools.sh fuzz
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

iverilog-test: tools
	@scripts/run-tests.sh --filter "FullyQualifiedName~Rtl"

# Also part of `make test` and `make iverilog-test` (about a minute: one synth_ice40 and three runs).
gate-test: tools
	@scripts/run-tests.sh --filter "FullyQualifiedName~RtlGateLevel"

# The main job on the bundled real model: LeNet-300-100 trained on Fashion-MNIST and compressed by eiec.
example: tools build
	$(EIEC) build examples/lenet/lenet-300-100.cz -c examples/accel.yaml -o out/lenet
	$(EIEC) run out/lenet --input examples/lenet/input.npy --reference examples/lenet/lenet-300-100.cz
	$(EIEC) sim out/lenet --input examples/lenet/input.npy
	$(EIEC) eval --data /usr/share/datasets/fashion-mnist \
		examples/lenet/lenet-300-100.npz examples/lenet/lenet-300-100.cz out/lenet

lint: tools build
	@hdl/scripts/lint.sh

synth: tools build
	@hdl/scripts/synth.sh

# The open iCE40 flow for the targets of hdl/fpga/floors.yaml (hdl/scripts/fpga.sh; docs/rtl.md).
fpga: build
	@scripts/ensure-tools.sh fpga
	@hdl/scripts/fpga.sh

bench: tools build aot
	@bench/run.sh

clean:
	rm -rf bin build out
	$(DOTNET) clean Toolchain.sln -v quiet
