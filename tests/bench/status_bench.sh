#!/usr/bin/env bash
# migration:list and migration:pending (the status of every migration) with
# N applied migrations (default 10,000; issue 20 item 6): one trivial Lua
# migration file each, applied once on SQLite, then each command timed RUNS
# times (medians of wall time, of CPU time — user + system, steadier on a
# shared machine — and of peak RSS). No quadratic step: the figures for N/10
# are printed beside N's, so that a ratio far above 10 shows. migration:list
# is timed with the checksums' cache (README, Choices; kept in the bench's
# own XDG_CACHE_HOME, written by an untimed first run) and without it (a
# cache folder that cannot be written: every executed file read).
#   usage: tests/bench/status_bench.sh [TIDE_BIN...]   (default build/tide;
#          several binaries are timed on the same projects, one after the other)
#   N=10000 RUNS=5
set -euo pipefail
bins=("$@"); [ ${#bins[@]} -gt 0 ] || bins=(build/tide)
for i in "${!bins[@]}"; do bins[$i]=$(realpath "${bins[$i]}"); done
N=${N:-10000}
RUNS=${RUNS:-5}
work=$(mktemp -d /tmp/tide-bench.XXXXXX); trap 'rm -rf "$work"' EXIT
unset TIDE_DATABASE_URL TIDE_CONFIG TIDE_VERBOSE
export XDG_CACHE_HOME="$work/cache"

# bench_runstat (tests/bench/runstat.c, beside the binary): microseconds;
# else GNU time (hundredths of a second)
runstat=$(dirname "${bins[0]}")/bench_runstat
measure() {
  if [ -x "$runstat" ]; then "$runstat" "$@" | awk '{print $1 * 1000, $3 * 1000, $2}'; return; fi
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >/dev/null 2>&1
  awk '{print $1 * 1000, ($2 + $3) * 1000, $4}' "$work/t"
}
median() { sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
# project N: a folder with N applied migrations
project() {
  local n=$1 p="$work/p$1" i
  mkdir -p "$p/migrations"
  for ((i = 1; i <= n; i++)); do
    printf 'return { up = function(m) m:addSql("select %d") end, down = function(m) end }\n' "$i" \
      > "$p/migrations/Migration2025$(printf '%010d' "$i")_m$i.lua"
  done
  (cd "$p" && "${bins[0]}" --url "sqlite:$p/app.db" migration:up >/dev/null)
}
# timed BIN N CMD: "wall-ms cpu-ms KB", the medians of RUNS runs (after an
# untimed one); CMD "migration:list-nocache" is migration:list without the cache
timed() {
  local bin=$1 n=$2 cache=$XDG_CACHE_HOME i; shift 2
  if [ "$1" = migration:list-nocache ]; then cache=/proc/no-cache; set -- migration:list; fi
  (cd "$work/p$n" && XDG_CACHE_HOME=$cache "$bin" --url "sqlite:$work/p$n/app.db" "$@" >/dev/null 2>&1)
  for ((i = 0; i < RUNS; i++)); do
    (cd "$work/p$n" && XDG_CACHE_HOME=$cache measure "$bin" --url "sqlite:$work/p$n/app.db" "$@")
  done > "$work/r"
  printf '%s %s %s\n' "$(cut -d' ' -f1 "$work/r" | median)" "$(cut -d' ' -f2 "$work/r" | median)" \
    "$(cut -d' ' -f3 "$work/r" | median)"
}

small=$((N / 10))
project "$small"; project "$N"
sleep 3    # files written less than two seconds ago are not cached
echo "| binary | command | $small applied: time / CPU | $N applied: time / CPU | peak RSS ($N) | CPU ratio |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
for bin in "${bins[@]}"; do
  for cmd in migration:list migration:list-nocache migration:pending; do
    read -r ts cs _ < <(timed "$bin" "$small" "$cmd")
    read -r tn cn mn < <(timed "$bin" "$N" "$cmd")
    printf '| %s | %s | %.1f / %.1f ms | %.1f / %.1f ms | %.1f MB | %s |\n' "$(basename "$bin")" "$cmd" "$ts" "$cs" "$tn" "$cn" \
      "$(echo "$mn" | awk '{print $1/1024}')" "$(awk -v a="$cn" -v b="$cs" 'BEGIN { printf (b > 0 ? "%.1fx" : "n/a"), a / b }')"
  done
done
