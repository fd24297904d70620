# The diff corpus (tests/diff/cases, driven by tests/diff/corpus.inc) on
# PostgreSQL (TIDE_TEST_PG_URL): per case, in a fresh database dropped at the
# end, before -> after -> down -> up with the data checked.
# TIDE_DIFF_CASES="NN_name ..." runs only those cases (globs allowed).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
: "${TIDE_TEST_PG_URL:?TIDE_TEST_PG_URL must name the test cluster}"
DIALECT=postgres
# Databases are created and dropped directly; tide, psql and pg_dump reach
# them through the session-mode PgBouncer when the test runs under ctest
# (TIDE_TEST_POOL_URL, tests/pg/bouncer.sh), so drops are WITH (FORCE): the
# pool keeps its idle server connections.
base=${TIDE_TEST_POOL_URL:-${TIDE_TEST_PG_URL%/*}}
admin="$TIDE_TEST_PG_URL"
n=0 db=""
fresh_db() {
  n=$((n + 1))
  db="tide_diff_$$_$n"
  PGOPTIONS="-c client_min_messages=warning" psql -qAt "$admin" -c "drop database if exists $db with (force)" -c "create database $db" >/dev/null
  URL="$base/$db"
}
drop_db() {
  [ -n "$db" ] || return 0
  psql -qAt "$admin" -c "drop database if exists $db with (force)" >/dev/null 2>&1
  db=""
}
run_sql() { psql -qAtX -F '|' -v ON_ERROR_STOP=1 "$URL" -f "$1"; }
trap 'drop_db; rm -rf "$work"' EXIT
. "$here/../diff/corpus.inc"
run_corpus
finish
