# migration:create, migration:check and schema:drift end to end on
# PostgreSQL (TIDE_TEST_PG_URL; cases in generate_cases.inc).
. "$(dirname "$0")/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
db="tide_generate_$$"
fresh_db() {
  psql -qAt "$TIDE_TEST_PG_URL" -c "drop database if exists $db" -c "create database $db" >/dev/null
  URL="$base/$db"
}
UNREACHABLE_URL="postgres://tide@127.0.0.1:1/nowhere?connect_timeout=2"
q() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$URL" -c "$1"; }
expect_q() { local got; got=$(q "$1" 2>&1); [ "$got" = "$2" ] || bad "query '$1' gave '$got', expected '$2'"; }
trap 'psql -qAt "$TIDE_TEST_PG_URL" -c "drop database if exists $db" >/dev/null 2>&1; rm -rf "$work"' EXIT
. "$(dirname "$0")/generate_cases.inc"
gen_cases
finish
