# Reliability of the runner on SQLite (SPEC 5): the cases of
# reliability_cases.inc, each in a database file of its own; the 8
# concurrent runners reach one file under four spellings of its path (the
# lock must still be one lock).
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "reliability: sqlite3 is required"; exit 1; }
cleanup() { kill_bg; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

new_db() { db=$PWD/$1.db; url=sqlite:$1.db; }
# bounded; reads the copy killed_view made, while killed_copy is set
q() { timeout 20 sqlite3 -batch "${killed_copy:-$db}" "$1" 2>&1; }
tables() {
  local names; names=$(printf "'%s'," "$@")
  q "select count(*) from sqlite_master where type = 'table' and name in (${names%,})"
}
conc_urls() {
  ln -s conc.db link.db; mkdir sub
  urls=(sqlite:conc.db sqlite:./conc.db "sqlite:$work/conc/sub/../conc.db" sqlite:link.db)
}
# the database and any hot journal copied, so that sqlite3 recovers the copy
# and tide itself has to deal with what the kill left behind
killed_view() { mkdir snap && cp "$db"* snap/ && killed_copy=$PWD/snap/$(basename "$db"); }
SLEEP_LUA='os.execute("sleep 0.05")'
WIDEN_LUA='local t0 = os.clock(); while os.clock() - t0 < 0.01 do end'

. "$(dirname "$0")/reliability_cases.inc"
reliability_cases
finish
