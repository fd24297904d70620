# The diff corpus (tests/diff/cases, driven by tests/diff/corpus.inc) on
# PostgreSQL (TIDE_TEST_PG_URL): per case, in an empty database (pg_db.inc:
# one database, emptied between cases), before -> after -> down -> up with
# the data checked. tide, psql and pg_dump reach it through the session-mode
# PgBouncer when the test runs under ctest (TIDE_TEST_POOL_URL).
# TIDE_DIFF_CASES="NN_name ..." runs only those cases (globs allowed).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
: "${TIDE_TEST_PG_URL:?TIDE_TEST_PG_URL must name the test cluster}"
DIALECT=postgres
PG_DB_PREFIX=diff PG_DB_POOL=1
. "$here/pg_db.inc"
drop_db() { :; }   # the next case empties it; pg_db.inc drops it at exit
run_sql() { psql -qAtX -F '|' -v ON_ERROR_STOP=1 "$URL" -f "$1"; }
# $URL's schema as pg_dump writes it, in its order (a case's "dump" file):
# without the tracking tables, owners, grants and pg_dump's own lines
dump_schema() {
  pg_dump --schema-only --no-owner --no-privileges --exclude-table='tide_migrations*' "$URL" |
    grep -vE '^(--|SET |SELECT pg_catalog\.set_config|\\(un)?restrict )' | sed '/^$/d'
}
. "$here/../diff/corpus.inc"
run_corpus
finish
