# riskloop developer commands. Each installs missing dependencies first (scripts/setup-deps.sh).
#   make build | test | run | bench | sanitize-test | fuzz | format | clean
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

BUILD := build
ASAN_BUILD := build-asan
FUZZ_BUILD := build-fuzz
# make fuzz: seconds per target, and the targets (fuzz/CMakeLists.txt); CI runs a short list.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= csv measurement_csv zip xlsx json_input backup_rows form_body query numeric_csv accept_language gs1 hibcc open_type_font
DB := var/riskloop.db
LISTEN := 127.0.0.1:8080

.PHONY: build setup test run bench sanitize-test fuzz format clean

build: setup
	cmake -S . -B $(BUILD) -G Ninja
	ninja -C $(BUILD)

setup:
	scripts/setup-deps.sh

# ctest in build dir $(1) (extra ctest arguments $(2)), against SQLite and a throwaway PostgreSQL
# server that is stopped however the tests end.
define ctest_both_engines
	url=$$(scripts/start-postgres.sh start $(1)/pg); \
	trap 'scripts/start-postgres.sh stop $(1)/pg' EXIT; \
	RISKLOOP_TEST_POSTGRES_URL=$$url ctest --test-dir $(1) --output-on-failure -j2 $(2)
endef

test: build
	$(call ctest_both_engines,$(BUILD))

run: build
	mkdir -p $(dir $(DB))
	[ -f $(DB) ] || $(BUILD)/src/cli/riskloop init --db $(DB) --demo
	$(BUILD)/src/cli/riskloop serve --db $(DB) --listen $(LISTEN)

bench: build
	if [ -f bench/run.sh ]; then bash bench/run.sh; else echo "bench/run.sh does not exist yet"; fi

# Unoptimized (build type None, plus -g1 from CMakeLists.txt): with the sanitizers on, -O2 makes
# the coroutine-heavy sources compile about five times slower, which would not fit CI's budget.
# Every suite but the browser's (label "browser"): Chromium's minutes there would exercise the
# server's pages again, which the authorization matrix of http_tests already calls one by one.
sanitize-test: setup
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=None -DRISKLOOP_SANITIZE=ON
	ninja -C $(ASAN_BUILD)
	$(call ctest_both_engines,$(ASAN_BUILD),-LE browser)

# libFuzzer targets (clang, with AddressSanitizer and UndefinedBehaviorSanitizer) in their own
# build directory, only the libraries they need; each runs FUZZ_SECONDS (docs/validation.md).
fuzz: setup
	cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=None \
	  -DCMAKE_CXX_FLAGS=-O1 -DRISKLOOP_FUZZ=ON
	ninja -C $(FUZZ_BUILD) $(addprefix fuzz_,$(FUZZ_TARGETS))
	fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

format:
	command -v clang-format >/dev/null || { echo "clang-format is not installed"; exit 1; }
	find src tests bench fuzz \( -name '*.cpp' -o -name '*.hpp' \) -print0 | xargs -0 -r clang-format -i

clean:
	for dir in $(BUILD) $(ASAN_BUILD); do [ ! -d $$dir/pg ] || scripts/start-postgres.sh stop $$dir/pg; done
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
