# The diff corpus (tests/diff/cases, driven by tests/diff/corpus.inc) on
# SQLite: per case, before -> after -> down -> up with the data checked.
# TIDE_DIFF_CASES="NN_name ..." runs only those cases (globs allowed).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
DIALECT=sqlite
n=0
fresh_db() { n=$((n + 1)); URL="sqlite:$work/db$n.sqlite"; }
drop_db() { rm -f "${URL#sqlite:}" "${URL#sqlite:}-wal" "${URL#sqlite:}-shm" "${URL#sqlite:}-journal"; }
run_sql() { sqlite3 -bail -batch -separator '|' "${URL#sqlite:}" < "$1"; }
. "$here/../diff/corpus.inc"
run_corpus
finish
