# The runner end to end on SQLite (cases in runner_cases.inc).
. "$(dirname "$0")/lib.sh"
n=0
fresh_db() { n=$((n + 1)); URL="sqlite:$work/db$n.sqlite"; }
q() { sqlite3 -separator '|' "${URL#sqlite:}" "$1"; }
. "$(dirname "$0")/runner_cases.inc"
cases

new_case "disableForeignKeys: a parent rebuilt in a migration keeps its children (no cascade)"
mig Migration20260101000000_init <<'LUA'
return { up = function(m)
  m:addSql "create table parent (id integer primary key, name text)"
  m:addSql "create table child (id integer primary key, parent_id integer references parent(id) on delete cascade)"
  m:addSql "insert into parent values (1, 'p')"
  m:addSql "insert into child values (10, 1)"
end }
LUA
mig Migration20260102000000_rebuild <<'LUA'
return { up = function(m)
  m:addSql "create table parent_new (id integer primary key, name text not null default '')"
  m:addSql "insert into parent_new select id, coalesce(name, '') from parent"
  m:addSql "drop table parent"
  m:addSql "alter table parent_new rename to parent"
end }
LUA
up; expect_rc 0
expect_q "select count(*) from child" "1"

t "disableForeignKeys: rows that break a foreign key fail the run before commit"
mig Migration20260103000000_orphan <<'LUA'
return { up = function(m) m:addSql "insert into child values (11, 999)" end }
LUA
up; expect_rc 1; expect_out "foreign key check failed"; expect_out "'child'"
expect_q "select count(*) from child" "1"
expect_q "select count(*) from tide_migrations" "2"

new_case "listings answer at once while a run holds the lock"
# The run holds the lock until this test releases it (no fixed sleep: a busy
# machine cannot end it early); listings that waited for the lock would still
# be waiting when timeout stops them.
mig Migration20260101000000_slow <<LUA
return { up = function(m)
  m:addSql "create table slow (id integer)"
  local f = assert(io.open("$work/holding", "w")); f:close()
  local t0 = os.time()
  while not io.open("$work/release") and os.time() - t0 < 120 do os.execute("sleep 0.05") end
end }
LUA
"$TIDE_BIN" --url "$URL" migration:up >/dev/null 2>&1 &
slow=$!
for _ in $(seq 1200); do [ -e "$work/holding" ] && break; sleep 0.05; done
[ -e "$work/holding" ] || bad "the slow migration never started"
TIDE_WRAP="timeout -s KILL 30" tide --url "$URL" migration:pending; expect_rc 0; expect_out "Migration20260101000000_slow"
TIDE_WRAP="timeout -s KILL 30" tide --url "$URL" migration:list; expect_rc 0
: > "$work/release"
wait "$slow" || bad "the slow run failed"
tide --url "$URL" migration:pending; expect_out "No pending migrations."

finish
