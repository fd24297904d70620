# migration:create, migration:check and schema:drift end to end on SQLite
# (cases in generate_cases.inc), SQLite's table rebuilds included.
. "$(dirname "$0")/lib.sh"
n=0
fresh_db() { n=$((n + 1)); URL="sqlite:$work/db$n.sqlite"; }
q() { sqlite3 -separator '|' "${URL#sqlite:}" "$1"; }
expect_q() { local got; got=$(q "$1" 2>&1); [ "$got" = "$2" ] || bad "query '$1' gave '$got', expected '$2'"; }
. "$(dirname "$0")/generate_cases.inc"
gen_cases
finish
