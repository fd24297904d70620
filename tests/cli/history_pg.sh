# The history replay on PostgreSQL (tests/diff/history/postgres, driven by
# tests/diff/history.inc): real-application-style schema histories, release
# by release, through schema:diff --run and through migration:create + up,
# then back down. The catalog is pg_dump --schema-only, sorted. Uses
# TIDE_TEST_PG_URL.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
DIALECT=postgres
# Databases are created and dropped directly; tide, psql and pg_dump reach
# them through the session-mode PgBouncer when the test runs under ctest
# (TIDE_TEST_POOL_URL, tests/pg/bouncer.sh), so drops are WITH (FORCE): the
# pool keeps its idle server connections.
base=${TIDE_TEST_POOL_URL:-${TIDE_TEST_PG_URL%/*}}
prefix=tide_hist_$$
admin() { psql -qAt "$TIDE_TEST_PG_URL" -c "$1" >/dev/null 2>&1; }
cleanup() {
  local d
  for d in $(psql -qAt "$TIDE_TEST_PG_URL" -c "select datname from pg_database where datname like '${prefix}_%'"); do
    admin "drop database if exists $d with (force)"
  done
  rm -rf "$work"
}
trap cleanup EXIT
n=0
fresh_db() {
  n=$((n + 1)); admin "drop database if exists ${prefix}_$n with (force)"; admin "create database ${prefix}_$n"
  URL="$base/${prefix}_$n"
}
run_sql() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$URL" -f "$1"; }
# a column's place is left out (the trailing comma): a column dropped and
# added again by a diff that was given no rename goes last, as PostgreSQL
# has no way to place it
catalog() {
  pg_dump --schema-only --no-owner --no-privileges -T 'public.tide_*' "$URL" |
    grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict |CREATE SCHEMA )' | sed -e '/^$/d' -e 's/,$//' | sort
}
. "$here/../diff/history.inc"
run_history
finish
