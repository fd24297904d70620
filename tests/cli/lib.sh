# Helpers for the CLI end-to-end tests (sourced, not run).
#   t "name"              start a test case
#   tide ARGS...          run the binary; sets $out (stdout+stderr), $stdout, $rc
#   expect_rc N           exit code
#   expect_out TEXT       output contains TEXT (fixed string)
#   expect_no TEXT        output does not contain TEXT
#   finish                print "N passed, N failed" and exit non-zero on failure
# TIDE_WRAP, when set, is a command line that tide() runs the binary under
# (make check-memory: valgrind); direct "$TIDE_BIN" calls are not wrapped.
set -u
: "${TIDE_BIN:?TIDE_BIN must name the tide binary}"
passed=0 failed=0 current="" case_failed=0
work=$(mktemp -d /tmp/tide-cli.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"

t() { end_case; current=$1; case_failed=0; }

end_case() {
  [ -n "$current" ] || return 0
  if [ "$case_failed" = 0 ]; then passed=$((passed + 1)); echo "ok - $current"
  else failed=$((failed + 1)); echo "not ok - $current"; fi
  current=""
}

bad() {
  case_failed=1
  echo "  FAIL [$current]: $*"
  echo "  output was:"; printf '%s\n' "$out" | sed 's/^/    | /' | head -n 30
}

tide() {
  local errf="$work/.stderr"
  stdout=$(${TIDE_WRAP:-} "$TIDE_BIN" "$@" 2>"$errf" </dev/null); rc=$?
  local err=""
  IFS= read -r -d '' err < "$errf" || true    # no cat process per call
  while [[ $err == *$'\n' ]]; do err=${err%$'\n'}; done   # as $(...) would
  out="$stdout"$'\n'"$err"
}

expect_rc() { [ "$rc" = "$1" ] || bad "exit code $rc, expected $1"; }
expect_out() { case "$out" in *"$1"*) ;; *) bad "output lacks: $1" ;; esac; }
expect_no() { case "$out" in *"$1"*) bad "output must not contain: $1" ;; esac; }

# expect_golden GZ GOT WHAT: file GOT byte for byte the gzipped golden file
# GZ, or GZ rewritten from GOT with TIDE_GOLDEN_UPDATE=1 (review the diff!);
# WHAT names what differs in the failure
expect_golden() {
  if [ -n "${TIDE_GOLDEN_UPDATE:-}" ]; then
    gzip -9n < "$2" > "$1"
  elif ! gzip -dc "$1" | cmp -s - "$2"; then
    out=$(gzip -dc "$1" | diff - "$2" | head -n 40)
    bad "$3 differs from $(basename "$1") (diff golden got above)"
  fi
}

finish() {
  end_case
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}
