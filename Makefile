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
# lua5.4 gets the sanitizers' runtime preloaded for the module), and in the
# plain build (test-plain) the rest: the diff corpus runs, whose time goes
# to the databases and to process starts rather than to C paths the other
# tests do not take, and the two tests that load the installed module into
# a plain lua5.4 (game_server, packaging). Both use every core: tests that
# need PostgreSQL share one cluster, each in databases of its own.
ASAN_RT = $(shell $(CC) -print-file-name=libasan.so):$(shell $(CC) -print-file-name=libubsan.so)
PLAIN_TESTS = ^cli_(diff_corpus_[0-9]of2|diff_corpus_pg_[0-9]of2|diff_pairs_pg_[0-9]of2|sql_corpus_[0-9]of2|sql_corpus_pg_[0-9]of2|history|history_pg|game_server|packaging)$$
test-asan: deps-test
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DTIDE_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  TIDE_LUA_PRELOAD="$(ASAN_RT)" \
	  ctest -j $(JOBS) --output-on-failure -L 'unit|cli|lua' -E '$(PLAIN_TESTS)'

test-plain: build
	@cd $(BUILD) && ctest -j $(JOBS) --output-on-failure -R '$(PLAIN_TESTS)'

# CLI end-to-end tests with the tide binary under valgrind memcheck: no
# memory error, no definite or indirect leak (tests/memcheck.sh). The set
# keeps it near 1.5 minutes: both databases, the runner, generation, backups.
MEM_TESTS ?= ^cli_(generate|backup|backup_pg|modules_pg)$$
check-memory: deps-test build
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

# Each stage in turn, its time measured; the last line is the summary.
TEST_STAGES = check-structure test-asan test-plain check-memory
test: deps-test
	@t0=$$(date +%s); times=""; n=0; \
	for stage in $(TEST_STAGES); do \
	  s=$$(date +%s); echo "== make test: $$stage"; \
	  if ! $(MAKE) --no-print-directory $$stage; then \
	    echo "make test: stage $$stage failed after $$(( $$(date +%s) - s )) s"; \
	    echo "stages: $$n passed, 1 failed"; exit 1; fi; \
	  n=$$((n + 1)); times="$$times $$stage $$(( $$(date +%s) - s ))s,"; \
	done; \
	echo "make test: stage times:$${times%,} (total $$(( $$(date +%s) - t0 )) s)"; \
	echo "stages: $$n passed, 0 failed"

check: test

# bin/tide, lib/libtide.{a,so*}, include/tide.h, the Lua modules
# (share/lua/5.4/tide, lib/lua/5.4/tide/core.so), tide.pc, the CMake package,
# the man page and the bash completion.
install: build
	@DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(MEM_BUILD) $(FUZZ_BUILD)
