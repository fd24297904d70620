# Names that need quoting, end to end on SQLite (cases in identifiers_cases.inc).
. "$(dirname "$0")/lib.sh"
fresh_db() { URL="sqlite:$work/$1.sqlite"; rm -f "$work/$1.sqlite"; }
q() { sqlite3 -separator '|' "${URL#sqlite:}" "$1"; }
expect_q() { local got; got=$(q "$1" 2>&1); [ "$got" = "$2" ] || bad "query '$1' gave '$got', expected '$2'"; }
. "$(dirname "$0")/identifiers_cases.inc"
ident_cases
finish
