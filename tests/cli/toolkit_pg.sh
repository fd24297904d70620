# The migration toolkit end to end on PostgreSQL (cases in
# toolkit_cases.inc), each case in a fresh database of the test cluster
# (TIDE_TEST_PG_URL).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
admin="$TIDE_TEST_PG_URL"
n=0
dbs=()
fresh_db() {
  n=$((n + 1))
  local db="tide_toolkit_$$_$n"
  PGOPTIONS="-c client_min_messages=warning" psql -qAt "$admin" -c "drop database if exists $db" -c "create database $db" >/dev/null
  dbs+=("$db")
  URL="$base/$db"
}
q() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$URL" -c "$1"; }
cleanup_dbs() { for db in "${dbs[@]}"; do psql -qAt "$admin" -c "drop database if exists $db" >/dev/null 2>&1; done; rm -rf "$work"; }
trap cleanup_dbs EXIT
. "$here/toolkit_cases.inc"
cases
finish
