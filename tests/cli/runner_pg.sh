# The runner end to end on PostgreSQL (cases in runner_cases.inc), each case
# in a fresh database of the test cluster (TIDE_TEST_PG_URL).
. "$(dirname "$0")/lib.sh"
PG_DB_PREFIX=runner PG_DB_POOL=1   # through the pool (TIDE_TEST_POOL_URL, pg_db.inc)
. "$(dirname "$0")/pg_db.inc"
. "$(dirname "$0")/runner_cases.inc"
cases

new_case "disableForeignKeys on PostgreSQL: a migration loads children first without session_replication_role"
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
