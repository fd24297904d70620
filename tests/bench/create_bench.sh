#!/usr/bin/env bash
# migration:create at scale (issue 20), beside its floor measured in the same
# run: plain lua5.4 running the same definitions file with a do-nothing
# tide.schema (tests/bench/create_floor.lua). For each size: from an empty
# snapshot, 1% of the entities changed, and unchanged (answered from the
# definitions' digest). Median of RUNS runs; wall time, CPU time (user +
# system: steadier than wall time on a shared machine), peak RSS, and both
# ratios to the floor. The figures come from bench_runstat (tests/bench/
# runstat.c, built beside the binary: microseconds), else from GNU time
# (hundredths of a second).
#
# tide's binary takes its heap in 2 MB pages where the kernel gives them
# (src/cli/main.c); plain lua5.4 does not. So that the ratios can be read
# both ways, a second floor row runs the same interpreter with glibc's
# equivalent setting (GLIBC_TUNABLES=glibc.malloc.hugetlb=1 and no trim),
# and "x floor" ratios stay against the first, the floor as issue 20 set it.
#   usage: tests/bench/create_bench.sh [TIDE_BIN] [SIZES...]   (default build/tide 1000 5000 10000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tide=$(realpath "${1:-build/tide}"); shift || true
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000 10000)
RUNS=${RUNS:-3}
work=$(mktemp -d /tmp/tide-bench.XXXXXX); trap 'rm -rf "$work"' EXIT

runstat=$(dirname "$tide")/bench_runstat
# measure CMD...: "seconds KB cpu-seconds" of one run
measure() {
  if [ -x "$runstat" ]; then "$runstat" "$@"; return; fi
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$@" >/dev/null 2>&1; awk '{print $1, $2, $3 + $4}' "$work/t"
}
median() { sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
# runs SETUP CMD...: the median time, memory and CPU time over RUNS runs, SETUP before each
runs() {
  local setup=$1 i; shift
  for i in $(seq "$RUNS"); do eval "$setup"; measure "$@"; done > "$work/r"
  printf '%s %s %s\n' "$(cut -d' ' -f1 "$work/r" | median)" "$(cut -d' ' -f2 "$work/r" | median)" \
    "$(cut -d' ' -f3 "$work/r" | median)"
}
ratio() { echo "$1 $2" | awk '{print ($2 > 0 ? $1/$2 : 0)}'; }
# row N STEP TIME KB CPU FLOOR-TIME FLOOR-CPU
row() { printf '| %6s | %-24s | %6.3f s | %6.3f s | %6.1f MB | %5.2fx | %5.2fx |\n' "$1" "$2" "$3" "$5" \
          "$(echo "$4" | awk '{print $1/1024}')" "$(ratio "$3" "$6")" "$(ratio "$5" "$7")"; }

echo "| tables | step | time | CPU | peak RSS | x floor (time) | x floor (CPU) |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
for n in "${sizes[@]}"; do
  p="$work/p$n"; mkdir -p "$p/schema"
  lua5.4 "$here/create_gen.lua" "$n" > "$p/schema/app.lua"
  lua5.4 "$here/create_gen.lua" "$n" 1 > "$work/changed$n.lua"
  cp "$p/schema/app.lua" "$work/base$n.lua"
  cd "$p"
  read -r ft fm fc < <(runs ":" lua5.4 "$here/create_floor.lua" schema/app.lua)
  row "$n" "floor (lua5.4, stand-in)" "$ft" "$fm" "$fc" "$ft" "$fc"
  read -r ht hm hc < <(GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.trim_threshold=2147483647 \
                       runs ":" lua5.4 "$here/create_floor.lua" schema/app.lua)
  row "$n" "floor, 2 MB pages" "$ht" "$hm" "$hc" "$ft" "$fc"
  read -r t m c < <(runs "rm -rf migrations; cp $work/base$n.lua schema/app.lua" "$tide" migration:create --name init)
  row "$n" "from an empty snapshot" "$t" "$m" "$c" "$ft" "$fc"
  read -r t m c < <(runs "rm -rf migrations; cp $work/base$n.lua schema/app.lua; $tide migration:create --name init >/dev/null 2>&1; cp $work/changed$n.lua schema/app.lua" "$tide" migration:create --name change)
  row "$n" "1% changed" "$t" "$m" "$c" "$ft" "$fc"
  read -r t m c < <(runs ":" "$tide" migration:create --name same)
  row "$n" "unchanged (digest)" "$t" "$m" "$c" "$ft" "$fc"
  cd "$work"
done
