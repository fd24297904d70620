# The SQL corpus (tests/diff/sql/sqlite, driven by tests/diff/sql_corpus.inc)
# on SQLite: views, triggers, virtual tables, generated columns, table
# options and indexes written as SQL, diffed database to database.
# TIDE_SQL_CASES="NN_name ..." runs only those cases.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/sqlite_db.inc"
. "$here/../diff/sql_corpus.inc"
run_sql_corpus
finish
