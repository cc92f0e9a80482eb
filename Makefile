# Front door: `make run` and `make test` work on a fresh Debian machine.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DEB_PACKAGES := g++ cmake make libyaml-cpp-dev libfmt-dev libboost-graph-dev \
                doctest-dev libcli11-dev nlohmann-json3-dev

.PHONY: all deps configure build run test clean install bench

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

clean:
	rm -rf $(BUILD)
