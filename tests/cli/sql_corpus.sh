# The SQL corpus (tests/diff/sql/sqlite, driven by tests/diff/sql_corpus.inc)
# on SQLite: views, triggers, virtual tables, generated columns, table
# options and indexes written as SQL, diffed database to database.
# TIDE_SQL_CASES="NN_name ..." runs only those cases.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
DIALECT=sqlite
n=0
fresh_db() { n=$((n + 1)); URL="sqlite:$work/db$n.sqlite"; }
run_sql() { sqlite3 -bail -batch -separator '|' "${URL#sqlite:}" < "$1"; }
. "$here/sqlite_catalog.inc"
. "$here/../diff/sql_corpus.inc"
run_sql_corpus
finish
