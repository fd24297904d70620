# The schema generator end to end on SQLite (cases in schemagen_cases.inc).
. "$(dirname "$0")/lib.sh"
fresh_db() { URL="sqlite:$work/$1.sqlite"; rm -f "$work/$1.sqlite"; }
q() { sqlite3 -separator '|' "${URL#sqlite:}" "$1"; }
expect_q() { local got; got=$(q "$1" 2>&1); [ "$got" = "$2" ] || bad "query '$1' gave '$got', expected '$2'"; }
db_gone() { [ ! -e "${1#sqlite:}" ]; }
FOREIGN="create table legacy_audit (id integer primary key, what text)"
FOREIGN_NAME=legacy_audit
FOREIGN_SAME_NAMESPACE=1
. "$(dirname "$0")/schemagen_cases.inc"
gen_cases
finish
