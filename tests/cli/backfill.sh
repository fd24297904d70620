# m:backfill end to end on SQLite (cases in backfill_cases.inc).
. "$(dirname "$0")/lib.sh"
n=0
fresh_db() { n=$((n + 1)); URL="sqlite:$work/db$n.sqlite"; }
q() { sqlite3 -separator '|' "${URL#sqlite:}" "$1"; }
. "$(dirname "$0")/backfill_cases.inc"
cases
finish
