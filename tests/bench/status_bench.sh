#!/usr/bin/env bash
# migration:list and migration:pending (the status of every migration) with
# N applied migrations (default 10,000; issue 20 item 6): one trivial Lua
# migration file each, applied once on SQLite, then each command timed
# RUNS times (median, wall, peak RSS). No quadratic step: the figures for
# N and N/10 are printed side by side, so that a ratio far above 10 shows.
#   usage: tests/bench/status_bench.sh [TIDE_BIN] [N]
set -euo pipefail
tide=$(realpath "${1:-build/tide}")
N=${2:-10000}
RUNS=${RUNS:-5}
work=$(mktemp -d /tmp/tide-bench.XXXXXX); trap 'rm -rf "$work"' EXIT
unset TIDE_DATABASE_URL TIDE_CONFIG TIDE_VERBOSE

median() { sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
# project N: a folder with N applied migrations
project() {
  local n=$1 p="$work/p$1" i
  mkdir -p "$p/migrations"
  for ((i = 1; i <= n; i++)); do
    printf 'return { up = function(m) m:addSql("select %d") end, down = function(m) end }\n' "$i" \
      > "$p/migrations/Migration2025$(printf '%010d' "$i")_m$i.lua"
  done
  (cd "$p" && "$tide" --url "sqlite:$p/app.db" migration:up >/dev/null)
}
# timed N CMD: "ms KB", the medians of RUNS runs
timed() {
  local n=$1 i; shift
  for ((i = 0; i < RUNS; i++)); do
    (cd "$work/p$n" && /usr/bin/time -f "%e %M" -o "$work/t" "$tide" --url "sqlite:$work/p$n/app.db" "$@" >"$work/out" 2>&1)
    cat "$work/t"
  done > "$work/r"
  printf '%s %s\n' "$(cut -d' ' -f1 "$work/r" | median | awk '{print $1 * 1000}')" "$(cut -d' ' -f2 "$work/r" | median)"
}

small=$((N / 10))
project "$small"; project "$N"
echo "| command | $small applied | $N applied | peak RSS ($N) | ratio |"
echo "| --- | ---: | ---: | ---: | ---: |"
for cmd in migration:list migration:pending; do
  read -r ts _ < <(timed "$small" "$cmd")
  read -r tn mn < <(timed "$N" "$cmd")
  printf '| %s | %s ms | %s ms | %.1f MB | %s |\n' "$cmd" "$ts" "$tn" "$(echo "$mn" | awk '{print $1/1024}')" \
    "$(awk -v a="$tn" -v b="$ts" 'BEGIN { printf (b > 0 ? "%.1fx" : "n/a"), a / b }')"
done
