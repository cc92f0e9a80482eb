# Front door: `make run` and `make test` work on a fresh Debian machine.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DEB_PACKAGES := g++ cmake make libyaml-cpp-dev libfmt-dev libboost-graph-dev \
                doctest-dev libcli11-dev nlohmann-json3-dev \
                python3 python3-yaml python3-jsonschema jq

.PHONY: all deps configure build run test clean install bench test-sanitize fuzz-deps fuzz fuzz-smoke lint-static

all: build

# Installs only what is missing, so a provisioned machine never touches apt.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DMINROLE_WERROR=ON >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# The main job: the minimal role for the CRM lead-sync example integration.
run: build
	./$(BUILD)/minrole recommend examples/crm-lead-sync.yaml

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

install: build
	cmake --install $(BUILD)

# Performance targets of bench/README.md, measured in their own Release build (under 10 minutes
# on 2 cores); prints the table and writes it to $(BENCH_BUILD)/bench-table.md.
BENCH_BUILD ?= build-bench
bench: deps
	@cmake -S . -B $(BENCH_BUILD) -DCMAKE_BUILD_TYPE=Release -DMINROLE_BENCH=ON -DMINROLE_TESTS=OFF >/dev/null
	@cmake --build $(BENCH_BUILD) -j $(JOBS)
	python3 bench/run.py --build $(BENCH_BUILD) --markdown $(BENCH_BUILD)/bench-table.md

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer, in its own build.
ASAN_BUILD ?= build-asan
SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
test-sanitize: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMINROLE_SANITIZE=ON -DMINROLE_WERROR=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && $(SANITIZER_ENV) ctest --output-on-failure -j $(JOBS)

# libFuzzer harnesses (fuzz/README.md). Only these targets need clang.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 10
FUZZ_PACKAGES := clang libclang-rt-14-dev
FUZZERS := loader intent role policy router scan_log_line scan_source scan_har openapi
fuzz-deps: deps
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(FUZZ_PACKAGES)"
fuzz: fuzz-deps
	@CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMINROLE_FUZZ=ON -DMINROLE_TESTS=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)
# Runs each harness for FUZZ_SECONDS on a scratch copy of its seed corpus (fuzz/corpus/NAME);
# a crash leaves crash-* in $(FUZZ_BUILD)/findings/NAME and fails the target.
fuzz-smoke: fuzz
	@set -e; for f in $(FUZZERS); do \
	  mkdir -p $(FUZZ_BUILD)/findings/$$f $(FUZZ_BUILD)/corpus/$$f; \
	  echo "fuzz_$$f: $(FUZZ_SECONDS)s"; \
	  $(SANITIZER_ENV) ./$(FUZZ_BUILD)/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=$(FUZZ_BUILD)/findings/$$f/ -print_final_stats=0 \
	    $(FUZZ_BUILD)/corpus/$$f fuzz/corpus/$$f 2>$(FUZZ_BUILD)/findings/$$f/log.txt \
	    || { tail -n 40 $(FUZZ_BUILD)/findings/$$f/log.txt; exit 1; }; \
	done

# clang-tidy (.clang-tidy) and cppcheck (cppcheck.supp) over src/; both must be clean.
LINT_BUILD ?= build-lint
lint-static: deps
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="clang clang-tidy cppcheck"
	@CXX=clang++ cmake -S . -B $(LINT_BUILD) -DCMAKE_BUILD_TYPE=Debug -DMINROLE_TESTS=OFF >/dev/null
	ls src/*.cpp src/cli/*.cpp | xargs -P $(JOBS) -n 4 clang-tidy -p $(LINT_BUILD) --quiet --warnings-as-errors='*' 2>/dev/null
	cppcheck --quiet --error-exitcode=1 --std=c++20 --language=c++ --enable=warning,performance,portability \
	  --inline-suppr --suppressions-list=cppcheck.supp -I include -I src -I src/cli src

clean:
	rm -rf $(BUILD)
