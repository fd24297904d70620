# The migration toolkit end to end on SQLite (cases in toolkit_cases.inc):
# DDL helpers (table rebuilds included), enums as check constraints, column
# type changes.
. "$(dirname "$0")/lib.sh"
n=0
fresh_db() { n=$((n + 1)); URL="sqlite:$work/db$n.sqlite"; }
q() { sqlite3 -separator '|' "${URL#sqlite:}" "$1"; }
. "$(dirname "$0")/toolkit_cases.inc"
cases
finish
