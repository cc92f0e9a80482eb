# Front door: `make run` and `make test` work on a fresh Debian machine.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# What `make run` needs: the compiler, CMake and the libraries minrole and minrole-http link.
RUN_PACKAGES := g++ cmake make libyaml-cpp-dev libfmt-dev libboost-graph-dev libcli11-dev \
                nlohmann-json3-dev libexpat1-dev libcurl4-openssl-dev
# What `make test` adds: doctest (unit tests), python3 and friends, jq and openssl (CLI suites).
TEST_PACKAGES := doctest-dev python3 python3-yaml python3-jsonschema jq openssl
# npm (test-only: tests/cli/sarif_validate.sh installs the pinned SARIF Multitool with it) is
# added when no npm command is found, wherever it came from (Debian's package or NodeSource's).
# make deb and its test: dpkg-shlibdeps (Depends), man -l on the pages, zsh and fish to check completions.
TEST_PACKAGES += dpkg-dev file man-db zsh fish
# tests/cli/markdown_hostile.py renders --format md with GitHub's CommonMark renderer.
TEST_PACKAGES += cmark-gfm
# /usr/bin/time -v: the peak memory of the scan suites (tests/cli/scan.sh, scan_hostile.sh).
TEST_PACKAGES += time
# strace: tests/cli/hostile.sh stalls a system call to deliver SIGTERM in the middle of -o.
TEST_PACKAGES += strace
DEB_PACKAGES := $(RUN_PACKAGES) $(TEST_PACKAGES)
# deps also installs npm when no npm command is found; `make run` sets it to no.
DEPS_NPM ?= yes

.PHONY: all deps run-deps configure build run test clean install deb bench san-deps san-build test-sanitize fuzz fuzz-smoke test-hardened lint-static html-test-deps docs-screenshots

all: build

# Installs only what is missing, so a provisioned machine never touches apt.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	[ "$(DEPS_NPM)" = no ] || command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# A compiler cache, when the machine has one, makes rebuilds of other checkouts nearly free.
CCACHE := $(shell command -v ccache 2>/dev/null)
LAUNCHER := $(if $(CCACHE),-DCMAKE_CXX_COMPILER_LAUNCHER=$(CCACHE) -DCMAKE_C_COMPILER_LAUNCHER=$(CCACHE))

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DMINROLE_WERROR=ON $(LAUNCHER) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# The main job: the minimal role for the CRM lead-sync example integration. Installs only
# RUN_PACKAGES and builds only minrole (and minrole-http), not the test suite.
run-deps:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(RUN_PACKAGES)" DEPS_NPM=no
run: run-deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DMINROLE_WERROR=ON $(LAUNCHER) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target minrole
	./$(BUILD)/minrole recommend examples/crm-lead-sync.yaml

test: build html-test-deps
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Headless Chromium for the HTML report test (tests/html/run.py); about a minute with
# --no-install-recommends on a fresh machine. If apt cannot install it the test says SKIPPED.
HTML_TEST_PACKAGES := chromium
html-test-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  echo "installing: $(HTML_TEST_PACKAGES) (for the HTML report test)"; \
	  ( $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(HTML_TEST_PACKAGES) ) \
	    || echo "WARNING: could not install chromium: ctest html_report will be SKIPPED"; }

# Refreshes the README's screenshots of each HTML report (docs/html-*.png) from a test run.
docs-screenshots: build html-test-deps
	MINROLE=$(BUILD)/minrole SRC=$(CURDIR) MINROLE_DOCS_DIR=$(CURDIR)/docs python3 tests/html/run.py

install: build
	cmake --install $(BUILD)

# The Debian package: $(BUILD)/minrole_VERSION_ARCH.deb (packaging/package.cmake).
deb: build
	cd $(BUILD) && cpack -G DEB

# Performance targets of bench/README.md, measured in their own Release build (under 10 minutes
# on 2 cores); prints the table and writes it to $(BENCH_BUILD)/bench-table.md.
BENCH_BUILD ?= build-bench
bench: deps
	@cmake -S . -B $(BENCH_BUILD) -DCMAKE_BUILD_TYPE=Release -DMINROLE_BENCH=ON -DMINROLE_TESTS=OFF $(LAUNCHER) >/dev/null
	@cmake --build $(BENCH_BUILD) -j $(JOBS)
	python3 bench/run.py --build $(BENCH_BUILD) --markdown $(BENCH_BUILD)/bench-table.md

# The hardened tree: ONE clang build with AddressSanitizer + UndefinedBehaviorSanitizer for the
# library, the CLI, the whole test suite and the libFuzzer harnesses (fuzz/README.md). The
# library also carries -fsanitize=fuzzer-no-link, so the harnesses link against the very objects
# the tests use; unity build, -O1 -gline-tables-only. Only this tree needs clang, installed on
# demand like every other dependency.
SAN_BUILD ?= build-san
SAN_PACKAGES := clang libclang-rt-14-dev
SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
san-deps: deps
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(SAN_PACKAGES)"
san-build: san-deps
	@CXX=clang++ cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -gline-tables-only" \
	  -DMINROLE_SANITIZE=ON -DMINROLE_FUZZ=ON -DMINROLE_WERROR=ON -DCMAKE_UNITY_BUILD=ON $(LAUNCHER) >/dev/null
	@cmake --build $(SAN_BUILD) -j $(JOBS)

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer (memory ceilings are not
# checked there, and the slowest randomized unit test runs fewer rounds).
test-sanitize: san-build
	cd $(SAN_BUILD) && $(SANITIZER_ENV) ctest --output-on-failure -j $(JOBS)

# libFuzzer harnesses: `make fuzz` builds them (in the hardened tree).
FUZZ_BUILD ?= $(SAN_BUILD)
FUZZ_SECONDS ?= 5
# The smoke run in .ci/run is reproducible: libFuzzer's mutations follow FUZZ_SEED, so a CI
# failure replays with the same mutations (given the same time budget). FUZZ_SEED=0 picks a random seed
# (what a longer campaign should use: make fuzz-smoke FUZZ_SEED=0 FUZZ_SECONDS=600).
FUZZ_SEED ?= 1
FUZZERS ?= loader intent role policy router scan_log_line scan_source scan_har openapi instance scan_service_description instance_import pull_responses scan_code
fuzz: san-build
# Runs each harness in FUZZERS for FUZZ_SECONDS (0: until a finding or Ctrl-C) on a scratch copy
# of its seed corpus (fuzz/corpus/NAME); a crash leaves crash-* in $(FUZZ_BUILD)/findings/NAME
# and fails the target.
fuzz-smoke: fuzz
	@set -e; for f in $(FUZZERS); do \
	  mkdir -p $(FUZZ_BUILD)/findings/$$f $(FUZZ_BUILD)/corpus/$$f; \
	  echo "fuzz_$$f: $(FUZZ_SECONDS)s"; \
	  $(SANITIZER_ENV) ./$(FUZZ_BUILD)/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -seed=$(FUZZ_SEED) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=$(FUZZ_BUILD)/findings/$$f/ -print_final_stats=0 \
	    $(FUZZ_BUILD)/corpus/$$f fuzz/corpus/$$f 2>$(FUZZ_BUILD)/findings/$$f/log.txt \
	    || { tail -n 40 $(FUZZ_BUILD)/findings/$$f/log.txt; exit 1; }; \
	done

# What .ci/run adds to `make test`: the sanitizer suite and a fuzz smoke run, one build.
test-hardened: test-sanitize
	@$(MAKE) --no-print-directory fuzz-smoke

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
