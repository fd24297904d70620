#!/usr/bin/env bash
# make test, after the dependencies: the structure checks, then two lanes
# side by side, each building its tree and running its tests with every core:
#   asan    test-asan (unit, CLI and Lua tests under ASan+UBSan), then
#           check-memory (valgrind, on the plain build: started once the
#           plain lane has built it)
#   plain   build, then test-plain (the corpus runs)
# Side by side, one lane's tests fill the cores while the other builds, or
# waits on a test that sleeps, and no stage ends with one long test running
# alone; valgrind goes with the ASan lane, the shorter of the two. Each lane writes its log (LOGDIR, default build-logs/); a lane's
# log is printed whole when the lane ends, so the two never interleave.
# The last lines give each stage's time and the summary "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
make=${MAKE:-make}
logs=${LOGDIR:-build-logs}
mkdir -p "$logs"
t0=$SECONDS
passed=0 failed=0 times=""

# stage NAME: runs make NAME, appends "NAME Ns" to the lane's time file
stage() {
  local s=$SECONDS rc
  echo "== make test: $1 (started at $((SECONDS - t0)) s)"
  $make --no-print-directory "$1"; rc=$?
  echo "$1 $((SECONDS - s))s $rc" >> "$logs/times"
  [ "$rc" = 0 ] || echo "make test: stage $1 failed after $((SECONDS - s)) s"
  return "$rc"
}

# after_build: waits until the plain lane's build stage has ended; fails
# when that build failed
after_build() {
  while [ ! -f "$logs/built" ]; do sleep 1; done
  [ "$(cat "$logs/built")" = 0 ]
}

rm -f "$logs/times" "$logs/built"
if stage check-structure; then
  (stage test-asan; after_build && MEM_BUILT=1 stage check-memory) > "$logs/asan.log" 2>&1 &
  asan=$!
  (stage build; echo $? > "$logs/built"; [ "$(cat "$logs/built")" = 0 ] && stage test-plain) \
    > "$logs/plain.log" 2>&1 &
  plain=$!
  # print each lane's log when it ends, the first to end first
  left="$asan:asan $plain:plain"
  while [ -n "$left" ]; do
    wait -n "$asan" "$plain" 2>/dev/null
    for lane in $left; do
      kill -0 "${lane%%:*}" 2>/dev/null && continue
      wait "${lane%%:*}" 2>/dev/null
      cat "$logs/${lane#*:}.log"
      left=${left/$lane/}; left=${left# }; left=${left% }
    done
  done
fi

while read -r name secs rc; do
  times="$times $name $secs,"
  if [ "$rc" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done < "$logs/times"
# a lane whose first stage failed never ran its second
for name in check-structure test-asan build test-plain check-memory; do
  grep -q "^$name " "$logs/times" || { failed=$((failed + 1)); times="$times $name not run,"; }
done
echo "make test: stage times:${times%,} (total $((SECONDS - t0)) s; test-asan + check-memory beside build + test-plain)"
echo "stages: $passed passed, $failed failed"
[ "$failed" = 0 ]
