# The history replay on SQLite (tests/diff/history/sqlite, driven by
# tests/diff/history.inc): real-application-style schema histories, release
# by release, through schema:diff --run and through migration:create + up,
# then back down.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/sqlite_db.inc"
. "$here/../diff/history.inc"
run_history
finish
