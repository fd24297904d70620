#!/usr/bin/env bash
# What each test reaches of tide's C code, and what a set of tests alone
# reaches: the evidence for running a test outside the sanitizer build
# (ARCHITECTURE.md, "How make test spends its time").
#   cmake -S . -B build-cov -DCMAKE_C_FLAGS="--coverage -O0" \
#         -DCMAKE_EXE_LINKER_FLAGS=--coverage -DCMAKE_SHARED_LINKER_FLAGS=--coverage \
#         -DTIDE_COVERAGE_DIR=$PWD/build-cov/by-test
#   cmake --build build-cov && (cd build-cov && ctest -j2 -R ...)
#   scripts/coverage_by_test.sh build-cov build-cov/by-test [TEST-REGEX]
# Each test wrote its gcov data under COVDIR/<test> (GCOV_PREFIX). Prints,
# per test, the lines of src/ and drivers/ it reaches; then, for the tests
# matching TEST-REGEX taken together, every line that they reach and no
# other test does: what the other tests would no longer check under the
# sanitizers if those ran in the plain build.
set -euo pipefail
build=$(cd "${1:?build directory}" && pwd); covdir=$(cd "${2:?coverage directory}" && pwd)
regex=${3:-}
src=$(cd "$(dirname "$0")/.." && pwd)
command -v gcov >/dev/null || { echo "coverage_by_test: gcov is not installed" >&2; exit 1; }

# lines_of TEST: "file:line" of every line with a count, sorted, into COVDIR/TEST.lines
lines_of() {
  local t=$1 dir=$covdir/$1 gcda gcno objdir tmp
  tmp=$(mktemp -d)
  while IFS= read -r gcda; do      # the build's notes beside the test's data
    gcno=${gcda#"$dir"}; gcno=${gcno%.gcda}.gcno
    [ -f "$gcno" ] && cp "$gcno" "${gcda%.gcda}.gcno"
  done < <(find "$dir" -name '*.gcda')
  while IFS= read -r objdir; do    # one gcov per object folder
    (cd "$tmp" && gcov -t -o "$objdir" "$objdir"/*.gcda 2>/dev/null) |
      awk -v root="$src/" '
        /^ *-: *0:Source:/ { f = substr($0, index($0, "Source:") + 7); sub("^" root, "", f); next }
        f ~ /^(src|drivers)\// && $1 ~ /^[0-9]+\*?:$/ { split($0, a, ":"); gsub(/ /, "", a[2]); print f ":" a[2] }'
  done < <(find "$dir" -name '*.gcda' -printf '%h\n' | sort -u) | sort -u > "$covdir/$t.lines"
  rm -rf "$tmp"
}

tests=$(cd "$covdir" && find . -mindepth 1 -maxdepth 1 -type d | sed 's|^\./||' | sort)
export -f lines_of; export covdir src
printf '%s\n' $tests | xargs -P "${JOBS:-2}" -I{} bash -c 'lines_of "$1"' _ {}
printf '%-34s %s\n' test lines
for t in $tests; do printf '%-34s %s\n' "$t" "$(wc -l < "$covdir/$t.lines")"; done
[ -n "$regex" ] || exit 0

moved=() kept=()
for t in $tests; do
  if [[ $t =~ $regex ]]; then moved+=("$covdir/$t.lines"); else kept+=("$covdir/$t.lines"); fi
done
[ "${#moved[@]}" -gt 0 ] || { echo "no test matches $regex"; exit 1; }
sort -u "${kept[@]}" > "$covdir/.kept"
echo
echo "lines reached by the tests matching $regex and by no other test:"
sort -u "${moved[@]}" | comm -23 - "$covdir/.kept" | tee "$covdir/.only" | sed 's/^/  /'
echo "$(wc -l < "$covdir/.only") lines, of $(sort -u "${moved[@]}" | wc -l) that those tests reach"
