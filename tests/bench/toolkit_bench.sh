#!/usr/bin/env bash
# Toolkit benchmark. m:backfill (SQL and Lua forms, against one UPDATE by
# hand) and m:changeColumnType on a table of N rows (default
# 100,000; a text column of numbers made an integer column with an index on
# it), on SQLite and PostgreSQL, in three forms:
#   - the database's own cast (no using),
#   - a Lua function called row by row (using = function(v) ... end),
#   - the baseline measured in the same run: the hand-written SQL a person
#     would use (PostgreSQL: ALTER TABLE ... ALTER COLUMN ... TYPE integer
#     USING v::integer; SQLite: the 12-step rebuild with CAST in the copy)
#     through tide run, in one transaction,
# and prints the medians of BENCH_RUNS runs (default 3) and the ratios to
# the baseline.
#
# usage: bash tests/bench/toolkit_bench.sh [POSTGRES_URL]
#   PostgreSQL: the URL argument, else $TIDE_TEST_PG_URL, else a throwaway
#   cluster started with tests/pg/cluster.sh (stopped at the end); the role
#   must be allowed to create databases. $TIDE_BIN (default build/tide), $N.
# A benchmark, not a test: exits 0 unless something fails to run.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
TIDE_BIN=${TIDE_BIN:-$root/build/tide}
N=${N:-100000}
RUNS=${BENCH_RUNS:-3}
unset TIDE_DATABASE_URL TIDE_CONFIG TIDE_VERBOSE
[ -x "$TIDE_BIN" ] || { echo "toolkit_bench: no tide binary at $TIDE_BIN" >&2; exit 1; }

tmp=$(mktemp -d /tmp/tide-tkbench.XXXXXX)
pg_state="" admin="${1:-${TIDE_TEST_PG_URL:-}}" dbs=()
cleanup() {
  local d
  for d in ${dbs[@]+"${dbs[@]}"}; do psql -qAt "$admin" -c "drop database if exists $d" >/dev/null 2>&1; done
  [ -n "$pg_state" ] && "$root/tests/pg/cluster.sh" stop "$pg_state" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
if [ -z "$admin" ]; then
  pg_state="$tmp/pg.state"
  "$root/tests/pg/cluster.sh" start "$pg_state" >/dev/null || { echo "toolkit_bench: no PostgreSQL" >&2; exit 1; }
  admin=$(cat "$(cat "$pg_state")/url")
fi

now() { date +%s%N; }
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# A migration folder: the setup (table + rows), then the change under test.
project() {   # project DIR FORM
  local dir=$1 form=$2
  mkdir -p "$dir/migrations"
  cat > "$dir/migrations/Migration20260101000000_setup.lua" <<LUA
return { up = function(m)
  m:execute("create table reading (id integer primary key, v text not null, w integer)")
  m:execute("create index reading_v_idx on reading (v)")
  m:execute([[insert into reading (id, v) select g, cast(g as text) from
    ${SERIES}]])
end }
LUA
  case $form in
    bf_sql) body='m:backfill{ table = "reading", set = { w = "length(v)" } }' ;;
    bf_lua) body='m:backfill{ table = "reading", set = function(r) return { w = #r.v } end }' ;;
    bf_base) body='m:addSql "update reading set w = length(v)"' ;;
    cast) body='m:changeColumnType{ table = "reading", column = "v", to = "integer" }' ;;
    lua) body='m:changeColumnType{ table = "reading", column = "v", to = "integer", using = function(x) return math.tointeger(tonumber(x)) end }' ;;
    baseline) body="m:addSql [[$BASELINE]]" ;;
  esac
  cat > "$dir/migrations/Migration20260102000000_change.lua" <<LUA
return { up = function(m) $body end }
LUA
}

run_form() {   # run_form DIALECT FORM -> median ms of the change migration
  local dialect=$1 form=$2 i t0 t1 url
  for i in $(seq "$RUNS"); do
    rm -rf "$tmp/p"; project "$tmp/p" "$form"
    if [ "$dialect" = sqlite ]; then url="sqlite:$tmp/p/db.sqlite"
    else
      local db="tide_tkbench_$$_${form}_$i"; dbs+=("$db")
      PGOPTIONS="-c client_min_messages=warning" psql -qAt "$admin" -c "drop database if exists $db" -c "create database $db" >/dev/null
      url="${admin%/*}/$db"
    fi
    (cd "$tmp/p" && "$TIDE_BIN" --url "$url" migration:up --to Migration20260101000000_setup >/dev/null) || exit 1
    t0=$(now)
    (cd "$tmp/p" && "$TIDE_BIN" --url "$url" migration:up >/dev/null) || { echo "toolkit_bench: $dialect $form failed" >&2; exit 1; }
    t1=$(now)
    echo $(( (t1 - t0) / 1000000 ))
  done | median
}

printf '%-10s %-9s %10s %10s\n' dialect form "median ms" "vs base"
# m:backfill of w = length(v): SQL form, Lua form, and the one UPDATE by hand
for dialect in sqlite postgres; do
  if [ $dialect = sqlite ]; then
    SERIES="(with recursive s(g) as (select 1 union all select g + 1 from s where g < $N) select g from s)"
  else
    SERIES="generate_series(1, $N) as g"
  fi
  base=$(run_form $dialect bf_base)
  for form in bf_base bf_sql bf_lua; do
    ms=$( [ $form = bf_base ] && echo "$base" || run_form $dialect $form )
    printf '%-10s %-9s %10s %10s\n' "$dialect" "$form" "$ms" "$(awk -v a="$ms" -v b="$base" 'BEGIN { printf "%.2fx", b ? a / b : 0 }')"
  done
done
# m:changeColumnType of v to integer
for dialect in sqlite postgres; do
  if [ $dialect = sqlite ]; then
    SERIES="(with recursive s(g) as (select 1 union all select g + 1 from s where g < $N) select g from s)"
    BASELINE="create table reading_new (id integer primary key, v integer not null);
insert into reading_new (id, v) select id, cast(v as integer) from reading;
drop table reading; alter table reading_new rename to reading;
create index reading_v_idx on reading (v)"
  else
    SERIES="generate_series(1, $N) as g"
    BASELINE="alter table reading alter column v type integer using v::integer"
  fi
  base=$(run_form $dialect baseline)
  for form in baseline cast lua; do
    ms=$( [ $form = baseline ] && echo "$base" || run_form $dialect $form )
    printf '%-10s %-9s %10s %10s\n' "$dialect" "$form" "$ms" "$(awk -v a="$ms" -v b="$base" 'BEGIN { printf "%.2fx", b ? a / b : 0 }')"
  done
done
