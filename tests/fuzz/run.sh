#!/usr/bin/env bash
# Runs the fuzz targets built in BUILD (cmake -DTIDE_FUZZ=ON, CC=clang).
#   tests/fuzz/run.sh BUILD SECONDS [NAME...]     default: every target
# For each target: first replays its seed corpus tests/fuzz/corpus/NAME/
# (crash reproducers that were fixed live there, so a regression fails
# here), then fuzzes for SECONDS into a temporary copy of the corpus (new
# inputs are not kept: the committed corpus changes only by hand). A crash,
# a leak, a timeout or an out-of-memory fails the run and prints the path of
# the reproducer (kept in BUILD/fuzz-artifacts/). TIDE_FUZZ_VERBOSE=1 with a
# reproducer says why an input was refused. SECONDS 0: the replay only
# (what make test runs; make fuzz fuzzes).
set -uo pipefail
build=${1:?usage: run.sh BUILD SECONDS [NAME...]}
seconds=${2:?usage: run.sh BUILD SECONDS [NAME...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
bin_dir=$build/tests/fuzz
artifacts=$(mkdir -p "$build/fuzz-artifacts" && cd "$build/fuzz-artifacts" && pwd)

# The longest input worth trying, per target: a little over its largest seed.
max_len() {
  case $1 in
    snapshot) echo 16384 ;;
    url)      echo 512 ;;
    config|dsl) echo 8192 ;;
    *)        echo 4096 ;;
  esac
}

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for d in "$here"/corpus/*/; do names+=("$(basename "$d")"); done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=0
for name in "${names[@]}"; do
  bin=$bin_dir/fuzz_$name corpus=$here/corpus/$name
  [ -x "$bin" ] || { echo "fuzz: $bin is not built (cmake --build $build --target fuzzers)" >&2; exit 1; }
  opts=(-max_len="$(max_len "$name")" -timeout=10 -rss_limit_mb=2048
        -artifact_prefix="$artifacts/$name-" -print_final_stats=1)
  [ -f "$here/$name.dict" ] && opts+=(-dict="$here/$name.dict")
  log=$artifacts/$name.log
  if ! "$bin" "${opts[@]}" "$corpus"/* >"$log" 2>&1; then
    echo "fuzz: $name: an input of the corpus fails again (a regression):" >&2
    grep -aE "^Running:|ERROR|SUMMARY" "$log" | tail -n 5 >&2
    failed=1; continue
  fi
  if [ "$seconds" -eq 0 ]; then     # make test: the corpus replay alone
    echo "fuzz: $name: the corpus ($(ls "$corpus" | wc -l) inputs) replays with no crash"
    continue
  fi
  tmp=$(mktemp -d "/tmp/tide-fuzz-$name.XXXXXX")
  if "$bin" "${opts[@]}" -max_total_time="$seconds" "$tmp" "$corpus" >"$log" 2>&1; then
    echo "fuzz: $name: $(grep -a -m1 -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$') runs in ${seconds}s, no crash" \
         "($(ls "$corpus" | wc -l) seeds, $(grep -aoE 'cov: [0-9]+' "$log" | tail -n 1))"
  else
    echo "fuzz: $name FAILED; log $log" >&2
    grep -aE "ERROR|SUMMARY|^    #[0-9]+ .* in " "$log" | head -n 15 >&2
    repro=$(grep -aoE "written to [^ ]+" "$log" | tail -n 1 | cut -d' ' -f3)
    [ -n "$repro" ] && echo "fuzz: reproducer: $repro (run: $bin $repro)" >&2
    failed=1
  fi
  rm -rf "$tmp"
done
exit $failed
