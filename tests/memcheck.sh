#!/usr/bin/env bash
# make check-memory: CLI end-to-end tests again with every tide call that
# lib.sh makes run under valgrind memcheck (TIDE_WRAP). A test fails on a
# memory error (exit 99) or a definite or indirect leak; afterwards every
# valgrind log is read, and any report in one fails the run, naming it.
#   tests/memcheck.sh BUILDDIR 'CTEST-REGEX'
set -uo pipefail
build=${1:?build directory}; tests=${2:?ctest regex of the tests to run}
command -v valgrind >/dev/null || { echo "check-memory: valgrind is not installed (make deps-test)" >&2; exit 1; }
logs=$(mktemp -d /tmp/tide-memcheck.XXXXXX)
export TIDE_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --track-origins=no --log-file=$logs/%p.log"
# servers of its own: make test runs this beside test-plain in the same tree
export TIDE_FIXTURES=memcheck
# a connection under valgrind on a machine busy with other work can take
# longer than tide's 5 s default (libpq's variable, which tide honours)
export PGCONNECT_TIMEOUT=60
start=$SECONDS
(cd "$build" && ctest -j "${JOBS:-2}" --output-on-failure -R "$tests"); rc=$?
ncalls=$(ls "$logs" | wc -l)
reports=$(find "$logs" -name '*.log' -size +0 | sort)
if [ "$ncalls" = 0 ]; then
  echo "check-memory: no tide run went through valgrind (do the tests call tide through lib.sh?)" >&2
  rc=1
fi
if [ -n "$reports" ]; then
  echo "check-memory: valgrind reported problems:" >&2
  for f in $reports; do echo "== $f" >&2; head -n 60 "$f" >&2; done
  rc=1
fi
echo "check-memory: $ncalls tide runs under valgrind in $((SECONDS - start)) s, $(echo "$reports" | grep -c . ) with reports"
[ "$rc" = 0 ] && rm -rf "$logs"
exit "$rc"
