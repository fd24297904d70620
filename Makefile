# tide — the two commands of the README, and a few more.
#   make          build into build/ (binary build/tide)
#   make demo     install what is missing, build, run the example against SQLite
#   make test     install what is missing (PostgreSQL included), build, run every test
#                 (again under ASan+UBSan; a set of the CLI tests under valgrind)
#   make install  build, then install under PREFIX (default /usr/local; DESTDIR honoured)
#   make fuzz     the fuzz targets, 300 s each (FUZZ_SECONDS=N); make test runs them 20 s each
BUILD      ?= build
ASAN_BUILD ?= build-asan
MEM_BUILD  ?= build-mem
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 20
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=
PREFIX     ?= /usr/local
DESTDIR    ?=

.PHONY: all build deps deps-test demo test check-structure test-asan check-memory test-fuzz fuzz fuzz-build check clean install

all: build

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)/tide

# The C unit tests, the CLI end-to-end tests and the Lua specs again under
# AddressSanitizer and UndefinedBehaviorSanitizer (leaks included). lua5.4
# gets the sanitizers' runtime preloaded for the module. Left out: the two
# CLI tests that load the module into a plain lua5.4 of their own
# (game_server, packaging), and for time (3 of the 5 minutes) the diff
# corpus runs and PostgreSQL's reliability test, whose code paths the other
# tests take too.
ASAN_RT = $(shell $(CC) -print-file-name=libasan.so):$(shell $(CC) -print-file-name=libubsan.so)
test-asan: deps-test
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DTIDE_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  TIDE_LUA_PRELOAD="$(ASAN_RT)" \
	  ctest --output-on-failure -L 'unit|cli|lua' \
	  -E '^cli_(game_server|packaging)$$'

# CLI end-to-end tests with the tide binary under valgrind memcheck: no
# memory error, no definite or indirect leak (tests/memcheck.sh). The set
# keeps it near 1.5 minutes: both databases, the runner, generation, backups.
MEM_TESTS ?= ^cli_(generate|backup|backup_pg|modules_pg)$$
check-memory: deps-test
	@cmake -S . -B $(MEM_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(MEM_BUILD) -j $(JOBS)
	@tests/memcheck.sh $(MEM_BUILD) '$(MEM_TESTS)'

# The fuzz targets of tests/fuzz (clang, libFuzzer, ASan + UBSan): each
# replays its corpus, then fuzzes FUZZ_SECONDS. `make fuzz` runs them longer.
fuzz-build: deps-test
	@CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTIDE_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers

test-fuzz: fuzz-build
	@tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

fuzz: fuzz-build
	@tests/fuzz/run.sh $(FUZZ_BUILD) $(if $(filter command line environment,$(origin FUZZ_SECONDS)),$(FUZZ_SECONDS),300)

# The structure checks of scripts/check_*.sh: the #include graph against
# ARCHITECTURE.md's rules, and no dialect's name or SQL outside drivers/.
check-structure:
	@for s in scripts/check_*.sh; do [ -x "$$s" ] || continue; "$$s" || exit 1; done

test: deps-test check-structure test-asan check-memory test-fuzz build
	@cd $(BUILD) && ctest --output-on-failure

check: test

# bin/tide, lib/libtide.{a,so*}, include/tide.h, the Lua modules
# (share/lua/5.4/tide, lib/lua/5.4/tide/core.so), tide.pc, the CMake package,
# the man page and the bash completion.
install: build
	@DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(MEM_BUILD) $(FUZZ_BUILD)
