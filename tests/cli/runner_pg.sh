# The runner end to end on PostgreSQL (cases in runner_cases.inc), each case
# in a fresh database of the test cluster (TIDE_TEST_PG_URL).
. "$(dirname "$0")/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
admin="$TIDE_TEST_PG_URL"
n=0
dbs=()
fresh_db() {
  n=$((n + 1))
  local db="tide_runner_$$_$n"
  psql -qAt "$admin" -c "drop database if exists $db" -c "create database $db" >/dev/null
  dbs+=("$db")
  URL="$base/$db"
}
q() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$URL" -c "$1"; }
cleanup_dbs() { for db in "${dbs[@]}"; do psql -qAt "$admin" -c "drop database if exists $db" >/dev/null 2>&1; done; rm -rf "$work"; }
trap cleanup_dbs EXIT
. "$(dirname "$0")/runner_cases.inc"
cases

new_case "disableForeignKeys on PostgreSQL: session_replication_role lets a migration load children first"
mig Migration20260101000000_init <<'LUA'
return { up = function(m)
  m:addSql "create table parent (id integer primary key)"
  m:addSql "create table child (id integer primary key, parent_id integer references parent(id))"
end }
LUA
mig Migration20260102000000_load <<'LUA'
return { up = function(m)
  m:execute("insert into child values (1, 1)")
  m:execute("insert into parent values (1)")
end }
LUA
up; expect_rc 0
expect_q "select count(*) from child" "1"
expect_q "show session_replication_role" "origin"

finish
