# tide — the two commands of the README, and a few more.
#   make          build into build/ (binary build/tide)
#   make demo     install what is missing, build, run the example against SQLite
#   make test     install what is missing (PostgreSQL included), build, run every test
#                 (again under ASan+UBSan; a set of the CLI tests under valgrind)
#   make install  build, then install under PREFIX (default /usr/local; DESTDIR honoured)
#   make fuzz     the fuzz targets (clang, libFuzzer), 300 s each (FUZZ_SECONDS=N);
#                 make test replays their corpora in its ASan build (tests/fuzz/replay.c)
BUILD      ?= build
ASAN_BUILD ?= build-asan
MEM_BUILD  ?= $(BUILD)
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 0
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=
PREFIX     ?= /usr/local
DESTDIR    ?=

.PHONY: all build deps deps-test deps-fuzz demo test check-structure test-asan test-plain check-memory test-fuzz fuzz fuzz-build check clean install

all: build

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

deps-fuzz:
	@scripts/deps.sh fuzz

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)/tide

# Every test runs once: the unit tests, the CLI tests and the Lua specs
# under AddressSanitizer and UndefinedBehaviorSanitizer (leaks included;
# lua5.4 gets ASan's runtime preloaded for the module; UBSan traps and ASan
# reports the trap with its stack: handle_sigill), and in the
# plain build (test-plain) the rest: the corpus runs, whose time goes to the
# databases and to process starts rather than to C paths the other tests do
# not take; the PostgreSQL twins of SQLite CLI tests that share their cases
# (PG_TWINS: the same runner, model and diff paths, and the driver's paths,
# which the PostgreSQL tests left under ASan reach: measured with gcov,
# ARCHITECTURE.md "Tests"); and the two tests that load the installed module
# into a plain lua5.4 (game_server, packaging). Both use every core: tests
# that need PostgreSQL share one cluster, each in databases of its own.
ASAN_RT = $(shell $(CC) -print-file-name=libasan.so)
PG_TWINS = runner_pg|backfill_pg|seeder_pg|migtest_pg|identifiers_pg|generate_pg|modules_pg
# CLI tests every line of whose C the tests left under ASan reach too
# (scripts/coverage_by_test.sh, 2026-12-06: 0 lines lost): the SQLite twins
# of lint and schemagen (their PostgreSQL twins, with the same cases, stay),
# the examples, the PostgreSQL smoke test, SQLite's declared types
COVERED = lint|schemagen|example|example_pg|postgres|sqlite_declared
PLAIN_TESTS = ^cli_(diff_corpus_[0-9]of[0-9]|diff_corpus_pg_[0-9]of[0-9]|diff_pairs_pg_[0-9]of[0-9]|sql_corpus_[0-9]of[0-9]|sql_corpus_pg_[0-9]of[0-9]|history|history_pg|game_server|packaging|$(PG_TWINS)|$(COVERED))$$
test-asan: deps-test
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DTIDE_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:handle_sigill=1 \
	  TIDE_LUA_PRELOAD="$(ASAN_RT)" \
	  ctest -j $(JOBS) --output-on-failure -L 'unit|cli|lua' -E '$(PLAIN_TESTS)'

test-plain: build
	@cd $(BUILD) && ctest -j $(JOBS) --output-on-failure -R '$(PLAIN_TESTS)'

# CLI end-to-end tests with the tide binary under valgrind memcheck: no
# memory error, no definite or indirect leak (tests/memcheck.sh). A second
# opinion beside ASan, kept small (a valgrind run costs ~1.5 s of CPU, and
# under load a PostgreSQL connection alone takes seconds): both databases,
# the runner, backups. MEM_TESTS='^cli_...$' picks others (cli_modules_pg,
# cli_generate, cli_runner_pg were clean; the tests under ASan reach all
# but one of their C lines).
# MEM_BUILT=1 (make test, once the plain lane has built) skips the build.
MEM_TESTS ?= ^cli_(backup|backup_pg)$$
check-memory: deps-test $(if $(MEM_BUILT),,build)
	@JOBS=$(JOBS) tests/memcheck.sh $(MEM_BUILD) '$(MEM_TESTS)'

# The fuzz targets of tests/fuzz (clang, libFuzzer, ASan + UBSan): each
# replays its corpus, then fuzzes FUZZ_SECONDS. `make fuzz` runs them longer;
# make test replays the corpora in test-asan (fuzz_replay_*), not here.
fuzz-build: deps-fuzz
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

# The structure checks, then two lanes side by side (scripts/test.sh): the
# ASan build and its tests beside the plain build, its tests and
# check-memory; each stage's time measured, the last line the summary.
test: deps-test
	@MAKE="$(MAKE)" scripts/test.sh

check: test

# bin/tide, lib/libtide.{a,so*}, include/tide.h, the Lua modules
# (share/lua/5.4/tide, lib/lua/5.4/tide/core.so), tide.pc, the CMake package,
# the man page and the bash completion.
install: build
	@DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(MEM_BUILD) $(FUZZ_BUILD) build-logs
