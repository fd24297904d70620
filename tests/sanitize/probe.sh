#!/usr/bin/env bash
# sanitizer_ub_probe: ub_probe (built with the ASan build's flags) must run
# cleanly on a small number and be stopped, with a report naming
# ub_probe.c:9, on INT_MAX. UBSan traps in this build and ASan reports the
# trap (ASAN_OPTIONS=handle_sigill=1, as make test-asan sets it).
probe=${1:?the ub_probe binary}
fail() { echo "sanitizer_ub_probe: $*"; echo "$out"; echo "0 passed, 1 failed"; exit 1; }
out=$("$probe" 41 2>&1) || fail "exit $? on 41 (no undefined behaviour there)"
[ "$out" = 42 ] || fail "printed something else than 42"
out=$("$probe" 2147483647 2>&1) && fail "a signed overflow ran to its end: UBSan is not checking"
case "$out" in
  *"ub_probe.c:9"*) ;;
  *) fail "the overflow stopped the program without a report naming ub_probe.c:9 (is handle_sigill=1 in ASAN_OPTIONS?)" ;;
esac
echo "1 passed, 0 failed"
