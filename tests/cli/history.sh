# The history replay on SQLite (tests/diff/history/sqlite, driven by
# tests/diff/history.inc): real-application-style schema histories, release
# by release, through schema:diff --run and through migration:create + up,
# then back down.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
DIALECT=sqlite
n=0
fresh_db() { n=$((n + 1)); URL="sqlite:$work/db$n.sqlite"; }
run_sql() { sqlite3 -bail -batch -separator '|' "${URL#sqlite:}" < "$1"; }
keep_ref() { cp "${ref#sqlite:}" "$work/release$1.sqlite"; }
ref_of() { URL="sqlite:$work/release$1.sqlite"; }
. "$here/sqlite_catalog.inc"
. "$here/../diff/history.inc"
run_history
finish
