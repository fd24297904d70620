# Medusa's db:* commands over two modules on PostgreSQL (TIDE_TEST_PG_URL):
# the cases of modules.sh against a fresh database.
. "$(dirname "$0")/lib.sh"
MODULES_BACKEND=postgres
base=${TIDE_TEST_PG_URL%/*}
db="tide_modules_$$"
fresh_db() {
  psql -qAt "$TIDE_TEST_PG_URL" -c "drop database if exists $db" -c "create database $db" >/dev/null
  URL="$base/$db"
}
q() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$URL" -c "$1"; }
has_table() { q "select count(*) from information_schema.tables where table_schema = 'public' and table_name = '$1'"; }
trap 'psql -qAt "$TIDE_TEST_PG_URL" -c "drop database if exists $db" >/dev/null 2>&1; rm -rf "$work"' EXIT
. "$(dirname "$0")/modules.sh"
