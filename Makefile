# tide — the two commands of the README, and a few more.
#   make          build into build/ (binary build/tide)
#   make demo     install what is missing, build, run the example against SQLite
#   make test     install what is missing (PostgreSQL included), build, run every test
#   make install  build, then install under PREFIX (default /usr/local; DESTDIR honoured)
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=
PREFIX     ?= /usr/local
DESTDIR    ?=

.PHONY: all build deps deps-test demo test test-asan check clean install

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

# The C tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps-test
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DTIDE_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -L unit

test: deps-test test-asan build
	@cd $(BUILD) && ctest --output-on-failure

check: test

# bin/tide, lib/libtide.{a,so*}, include/tide.h, the Lua modules
# (share/lua/5.4/tide, lib/lua/5.4/tide/core.so), tide.pc, the CMake package,
# the man page and the bash completion.
install: build
	@DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
