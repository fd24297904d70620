#!/usr/bin/env bash
# Runner benchmark: 1,000 trivial migrations
#   (each `create table t_NNNN (id integer primary key, v text)`)
# on SQLite and PostgreSQL. For each dialect it measures
#   - tide migration:up from an empty database (a fresh database each run),
#   - a baseline measured in the same run: sqlite3 / psql executing the same
#     1,000 statements plus the same tracking-table inserts (after creating an
#     equivalent tracking table) in one session and one transaction,
#   - the ratio tide / baseline (of the medians),
#   - the wall time of tide migration:pending with the 1,000 files present
#     (median of 5): on an empty database (all pending) and after the up
#     (all applied).
#
# usage: bash tests/bench/runner_bench.sh [POSTGRES_URL]
#   PostgreSQL: the URL argument, else $TIDE_TEST_PG_URL, else a throwaway
#   cluster started with tests/pg/cluster.sh (and stopped at the end). The
#   URL's role must be allowed to create databases: every run gets its own.
#   $TIDE_BIN picks the binary (default build/tide); nothing is built.
#   $BENCH_RUNS: runs of up and of the baseline per dialect (default 5).
# A benchmark, not a test: exits 0 unless something fails to run.
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
TIDE_BIN=${TIDE_BIN:-$root/build/tide}
N=1000
RUNS=${BENCH_RUNS:-5}
PENDING_RUNS=5
unset TIDE_DATABASE_URL TIDE_CONFIG TIDE_VERBOSE

die() { echo "runner_bench: $*" >&2; exit 1; }
[ -x "$TIDE_BIN" ] || die "no tide binary at $TIDE_BIN (make build, or set TIDE_BIN)"
command -v sqlite3 >/dev/null || die "sqlite3 is required"
command -v psql >/dev/null || die "psql is required"

tmp=$(mktemp -d /tmp/tide-bench.XXXXXX)
pg_state="" admin_url="" pg_dbs=()
cleanup() {
  local d
  if [ -n "$admin_url" ]; then
    for d in ${pg_dbs[@]+"${pg_dbs[@]}"}; do
      timeout 30 psql "$admin_url" -Xq -c "drop database if exists $d with (force)" >/dev/null 2>&1
    done
  fi
  [ -n "$pg_state" ] && "$root/tests/pg/cluster.sh" stop "$pg_state" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- PostgreSQL: which server ----------------------------------------------
if [ $# -ge 1 ] && [ -n "$1" ]; then
  admin_url=$1; pg_from="argument"
elif [ -n "${TIDE_TEST_PG_URL:-}" ]; then
  admin_url=$TIDE_TEST_PG_URL; pg_from="\$TIDE_TEST_PG_URL"
else
  pg_state=$tmp/pg.state
  "$root/tests/pg/cluster.sh" start "$pg_state" >"$tmp/cluster.log" 2>&1 \
    || { cat "$tmp/cluster.log" >&2; die "cannot start a throwaway PostgreSQL cluster"; }
  [ -f "$pg_state" ] && [ -f "$(cat "$pg_state")/url" ] \
    || { cat "$tmp/cluster.log" >&2; die "the throwaway cluster did not start"; }
  admin_url=$(cat "$(cat "$pg_state")/url"); pg_from="throwaway cluster (tests/pg/cluster.sh)"
fi
timeout 30 psql "$admin_url" -XAtq -c "select 1" >/dev/null 2>"$tmp/psql.err" \
  || { cat "$tmp/psql.err" >&2; die "cannot connect to PostgreSQL"; }
pg_version=$(timeout 30 psql "$admin_url" -XAtq -c "show server_version")

# pg_url DB: the admin URL with its database replaced.
pg_url() { local base=${admin_url%%\?*}; printf '%s' "${base%/*}/$1${admin_url#"$base"}"; }
pg_seq=0
# new_pg_db: creates a fresh database; sets $pgdb and $dburl.
new_pg_db() {
  pg_seq=$((pg_seq + 1)); pgdb="tide_bench_$$_$pg_seq"; pg_dbs+=("$pgdb")
  timeout 60 psql "$admin_url" -Xq -v ON_ERROR_STOP=1 -c "create database $pgdb" >/dev/null \
    || die "cannot create database $pgdb"
  dburl=$(pg_url "$pgdb")
}
drop_pg_db() { timeout 60 psql "$admin_url" -Xq -c "drop database if exists $1 with (force)" >/dev/null 2>&1; }

# ---- the migrations and the baseline scripts --------------------------------
proj=$tmp/project
mkdir -p "$proj/migrations"
names=()
for i in $(seq 1 $N); do
  ts=$(printf '20250101%02d%02d%02d' $((i / 3600)) $((i % 3600 / 60)) $((i % 60)))
  t=$(printf 't_%04d' "$i")
  name="Migration${ts}_$t"; names+=("$name")
  cat > "$proj/migrations/$name.lua" <<LUA
return {
  up = function(m) m:addSql("create table $t (id integer primary key, v text)") end,
  down = function(m) m:addSql("drop table $t") end,
}
LUA
done
# checksums as tide records them would be sha256 of the files; the baseline
# inserts the same kind of value
declare -A sum
while read -r h f; do sum[$(basename "$f" .lua)]=$h; done < <(cd "$proj" && sha256sum migrations/*.lua)

baseline_sql() { # the script: one transaction, tracking table, N creates + N inserts
  echo "begin;"
  echo 'create table if not exists "tide_migrations" ("module" varchar(255) not null, "name" varchar(255) not null, "checksum" varchar(64), "executed_at" varchar(32) not null, "duration_ms" bigint not null default 0, "status" varchar(16) not null, primary key ("module", "name"));'
  local i=0 name
  for name in "${names[@]}"; do
    i=$((i + 1))
    printf 'create table t_%04d (id integer primary key, v text);\n' "$i"
    printf "insert into \"tide_migrations\" (\"module\", \"name\", \"checksum\", \"executed_at\", \"duration_ms\", \"status\") values ('', '%s', '%s', '2025-01-01T00:00:00Z', 0, 'applied');\n" \
      "$name" "${sum[$name]}"
  done
  echo "commit;"
}
baseline_sql > "$tmp/baseline.sql"

# ---- timing helpers -----------------------------------------------------------
now_ns() { date +%s%N; }
# timed OUTFILE CMD...: runs CMD (stdin /dev/null unless redirected by the
# caller), sets $ms (wall time, 0.1 ms) and $trc.
timed() {
  local o=$1 s e; shift
  s=$(now_ns); "$@" >"$o" 2>&1; trc=$?; e=$(now_ns)
  ms=$(awk -v d=$((e - s)) 'BEGIN { printf "%.1f", d / 1e6 }')
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
fail_run() { echo "--- output:" >&2; tail -n 30 "$1" >&2; die "$2"; }

cd "$proj"

# check_db DIALECT TARGET: 1,000 tables t_NNNN and 1,000 applied tracking rows
check_db() {
  local q1="select count(*) from tide_migrations where status = 'applied'" got1 got2
  if [ "$1" = sqlite ]; then
    got1=$(sqlite3 "$2" "$q1")
    got2=$(sqlite3 "$2" "select count(*) from sqlite_master where type = 'table' and name like 't\_%' escape '\'")
  else
    got1=$(timeout 60 psql "$2" -XAtq -c "$q1")
    got2=$(timeout 60 psql "$2" -XAtq -c "select count(*) from pg_class where relkind = 'r' and relname ~ '^t_[0-9]{4}\$'")
  fi
  [ "$got1" = $N ] && [ "$got2" = $N ] || die "$1: after the run: $got1 tracking rows, $got2 tables (expected $N each)"
}

declare -A R
bench_sqlite() {
  local i up=() base=() pa=() pn=() db
  for i in $(seq 1 "$RUNS"); do
    db=$tmp/up_$i.db
    timed "$tmp/out" "$TIDE_BIN" --url "sqlite:$db" migration:up </dev/null
    [ "$trc" = 0 ] || fail_run "$tmp/out" "sqlite: tide migration:up exited $trc"
    check_db sqlite "$db"; up+=("$ms")
    db=$tmp/base_$i.db
    timed "$tmp/out" sqlite3 -bail "$db" <"$tmp/baseline.sql"
    [ "$trc" = 0 ] || fail_run "$tmp/out" "sqlite: the sqlite3 baseline exited $trc"
    check_db sqlite "$db"; base+=("$ms")
    [ "$i" -lt "$RUNS" ] && rm -f "$tmp/up_$i.db"* ; rm -f "$tmp/base_$i.db"*
  done
  # pending, all applied: the database of the last up
  for i in $(seq 1 $PENDING_RUNS); do
    timed "$tmp/out" "$TIDE_BIN" --url "sqlite:$tmp/up_$RUNS.db" migration:pending </dev/null
    [ "$trc" = 0 ] || fail_run "$tmp/out" "sqlite: tide migration:pending exited $trc"
    pa+=("$ms")
  done
  # pending, none applied: a fresh database (one untimed call creates the tracking table)
  db=$tmp/empty.db
  "$TIDE_BIN" --url "sqlite:$db" migration:pending </dev/null >"$tmp/out" 2>&1 \
    || fail_run "$tmp/out" "sqlite: tide migration:pending failed"
  for i in $(seq 1 $PENDING_RUNS); do
    timed "$tmp/out" "$TIDE_BIN" --url "sqlite:$db" migration:pending </dev/null
    [ "$trc" = 0 ] || fail_run "$tmp/out" "sqlite: tide migration:pending exited $trc"
    [ "$(grep -c '^Migration' "$tmp/out")" = $N ] || fail_run "$tmp/out" "sqlite: pending did not list $N migrations"
    pn+=("$ms")
  done
  R[sqlite_up]=$(median "${up[@]}"); R[sqlite_up_all]="${up[*]}"
  R[sqlite_base]=$(median "${base[@]}"); R[sqlite_base_all]="${base[*]}"
  R[sqlite_pa]=$(median "${pa[@]}"); R[sqlite_pa_all]="${pa[*]}"
  R[sqlite_pn]=$(median "${pn[@]}"); R[sqlite_pn_all]="${pn[*]}"
}

bench_pg() {
  local i up=() base=() pa=() pn=() last=""
  for i in $(seq 1 "$RUNS"); do
    new_pg_db
    timed "$tmp/out" "$TIDE_BIN" --url "$dburl" migration:up </dev/null
    [ "$trc" = 0 ] || fail_run "$tmp/out" "postgres: tide migration:up exited $trc"
    check_db postgres "$dburl"; up+=("$ms")
    [ -n "$last" ] && drop_pg_db "$last"
    last=$pgdb; lasturl=$dburl
    new_pg_db
    timed "$tmp/out" psql "$dburl" -Xq -v ON_ERROR_STOP=1 -f "$tmp/baseline.sql"
    [ "$trc" = 0 ] || fail_run "$tmp/out" "postgres: the psql baseline exited $trc"
    check_db postgres "$dburl"; base+=("$ms")
    drop_pg_db "$pgdb"
  done
  for i in $(seq 1 $PENDING_RUNS); do
    timed "$tmp/out" "$TIDE_BIN" --url "$lasturl" migration:pending </dev/null
    [ "$trc" = 0 ] || fail_run "$tmp/out" "postgres: tide migration:pending exited $trc"
    pa+=("$ms")
  done
  drop_pg_db "$last"
  new_pg_db
  "$TIDE_BIN" --url "$dburl" migration:pending </dev/null >"$tmp/out" 2>&1 \
    || fail_run "$tmp/out" "postgres: tide migration:pending failed"
  for i in $(seq 1 $PENDING_RUNS); do
    timed "$tmp/out" "$TIDE_BIN" --url "$dburl" migration:pending </dev/null
    [ "$trc" = 0 ] || fail_run "$tmp/out" "postgres: tide migration:pending exited $trc"
    [ "$(grep -c '^Migration' "$tmp/out")" = $N ] || fail_run "$tmp/out" "postgres: pending did not list $N migrations"
    pn+=("$ms")
  done
  drop_pg_db "$pgdb"
  R[postgres_up]=$(median "${up[@]}"); R[postgres_up_all]="${up[*]}"
  R[postgres_base]=$(median "${base[@]}"); R[postgres_base_all]="${base[*]}"
  R[postgres_pa]=$(median "${pa[@]}"); R[postgres_pa_all]="${pa[*]}"
  R[postgres_pn]=$(median "${pn[@]}"); R[postgres_pn_all]="${pn[*]}"
}

echo "tide runner benchmark: $N migrations, each 'create table t_NNNN (id integer primary key, v text)'"
echo "  tide:       $TIDE_BIN ($("$TIDE_BIN" --version 2>&1))"
echo "  sqlite3:    $(sqlite3 --version | cut -d' ' -f1)"
echo "  postgres:   $pg_version, $pg_from"
echo "  up/baseline: median of $RUNS runs, a fresh database each run; pending: median of $PENDING_RUNS runs"
echo
echo "running sqlite ..."; bench_sqlite
echo "running postgres ..."; bench_pg
echo

line() { printf '%-9s | %12s | %14s | %15s | %14s | %14s\n' "$@"; }
line "dialect" "tide up ms" "baseline ms" "tide/baseline" "pending ms" "pending ms"
line "" "(from empty)" "(1 session+tx)" "" "(none applied)" "(all applied)"
line "---------" "------------" "--------------" "---------------" "--------------" "--------------"
for d in sqlite postgres; do
  line "$d" "${R[${d}_up]}" "${R[${d}_base]}" "$(ratio "${R[${d}_up]}" "${R[${d}_base]}")x" \
       "${R[${d}_pn]}" "${R[${d}_pa]}"
done
echo
echo "all runs (ms):"
for d in sqlite postgres; do
  echo "  $d  tide up:            ${R[${d}_up_all]}"
  echo "  $d  baseline:           ${R[${d}_base_all]}"
  echo "  $d  pending (none app.): ${R[${d}_pn_all]}"
  echo "  $d  pending (all app.):  ${R[${d}_pa_all]}"
done
exit 0
