# The runner in production on PostgreSQL (TIDE_TEST_PG_URL): foreign keys
# relaxed without turning user triggers off, rows that break a key refused
# before commit, a table owner that is not superuser, lock waits bounded and
# retried so that readers get through, and the failure naming the holder.
. "$(dirname "$0")/lib.sh"
PG_DB_PREFIX=runprod
. "$(dirname "$0")/pg_db.inc"

mig() { mkdir -p migrations; cat > "migrations/$1.lua"; }
new_case() { t "$1"; rm -rf migrations tide.lua; fresh_db; }
up() { tide --url "$URL" migration:up "$@"; }
expect_q() {   # expect_q "SQL" "expected output"
  local got
  got=$(q "$1" 2>&1)
  [ "$got" = "$2" ] || bad "query '$1' gave '$got', expected '$2'"
}
export PGOPTIONS="-c client_min_messages=warning"

schema_with_trigger() {
  mig Migration20260101000000_init <<'LUA'
return { up = function(m)
  m:addSql "create table parent (id integer primary key)"
  m:addSql "create table child (id integer primary key, parent_id integer references parent(id))"
  m:addSql "create table audit (tbl text, id integer)"
  m:addSql [[create function audit_row() returns trigger language plpgsql as $$
    begin insert into audit values (TG_TABLE_NAME, NEW.id); return NEW; end $$]]
  m:addSql "create trigger child_audit after insert on child for each row execute function audit_row()"
end }
LUA
}

new_case "disableForeignKeys: a user trigger fires during a migration that loads children first"
schema_with_trigger
mig Migration20260102000000_load <<'LUA'
return { up = function(m)
  m:execute("insert into child values (1, 1), (2, 1)")
  m:execute("insert into parent values (1)")
end }
LUA
up; expect_rc 0; expect_no "warning"
expect_q "select count(*) from child" "2"
expect_q "select tbl || ':' || id from audit order by id" "child:1
child:2"
# the key made DEFERRABLE for the run is NOT DEFERRABLE again
expect_q "select condeferrable from pg_constraint where conname = 'child_parent_id_fkey'" "f"

new_case "disableForeignKeys: an orphan is refused before commit, naming the key, the table and the rows"
schema_with_trigger
up; expect_rc 0
mig Migration20260102000000_orphans <<'LUA'
return { up = function(m)
  m:execute("insert into parent values (1)")
  m:execute("insert into child values (1, 1), (2, 7), (3, 9)")
end }
LUA
up; expect_rc 1
expect_out "foreign key check failed: child_parent_id_fkey on table child: (parent_id) = (7), (9) reference no row of parent"
printf '%s\n' "$out" | grep -m 1 "foreign key check failed" | sed 's/^/  message: /'
expect_out "nothing was committed"
expect_q "select count(*) from child" "0"
expect_q "select count(*) from parent" "0"
expect_q "select count(*) from tide_migrations" "1"
expect_q "select condeferrable from pg_constraint where conname = 'child_parent_id_fkey'" "f"

new_case "disableForeignKeys: deleting a parent that children still reference is refused too"
schema_with_trigger
mig Migration20260102000000_seed <<'LUA'
return { up = function(m) m:execute("insert into parent values (1), (2)"); m:execute("insert into child values (1, 2)") end }
LUA
up; expect_rc 0
mig Migration20260103000000_delete <<'LUA'
return { up = function(m) m:execute("delete from parent where id = 2") end }
LUA
up; expect_rc 1; expect_out "child_parent_id_fkey on table child: (parent_id) = (2)"
expect_q "select count(*) from parent" "2"

new_case "disableForeignKeys: each migration's own transaction is checked (allOrNothing = false)"
schema_with_trigger
cat > tide.lua <<LUA
return { url = "$URL", migrations = { allOrNothing = false } }
LUA
mig Migration20260102000000_good <<'LUA'
return { up = function(m) m:execute("insert into child values (1, 1)"); m:execute("insert into parent values (1)") end }
LUA
mig Migration20260103000000_bad <<'LUA'
return { up = function(m) m:execute("insert into child values (2, 5)") end }
LUA
tide migration:up; expect_rc 1; expect_out "(parent_id) = (5)"
expect_q "select string_agg(id::text, ',' order by id) from child" "1"
expect_q "select count(*) from tide_migrations" "2"
rm -f tide.lua

t "disableForeignKeys: a table owner that is not superuser relaxes keys with no warning"
role="tide_owner_$$" odb="tide_runprod_owner_$$"
psql -qAt -v ON_ERROR_STOP=1 "$admin" -c "drop database if exists $odb" -c "drop role if exists $role" \
  -c "create role $role login nosuperuser password 'owner-pw'" -c "create database $odb owner $role" >/dev/null
OURL="postgres://$role:owner-pw@${base#*@}/$odb"
rm -rf migrations; schema_with_trigger
mig Migration20260102000000_load <<'LUA'
return { up = function(m)
  m:execute("insert into child values (1, 1)")
  m:execute("insert into parent values (1)")
end }
LUA
tide --url "$OURL" migration:up; expect_rc 0; expect_no "warning"; expect_no "replication"
got=$(psql -qAt "$OURL" -c "select (select count(*) from child) || '/' || (select count(*) from audit) || '/' || (select rolsuper from pg_roles where rolname = current_user)")
[ "$got" = "1/1/false" ] || bad "as $role: child/audit/superuser = $got, expected 1/1/false"
mig Migration20260103000000_orphan <<'LUA'
return { up = function(m) m:execute("insert into child values (2, 42)") end }
LUA
tide --url "$OURL" migration:up; expect_rc 1; expect_out "(parent_id) = (42) references no row of parent"
psql -qAt "$admin" -c "drop database if exists $odb" -c "drop role if exists $role" >/dev/null

# ---- lock waits ----------------------------------------------------------
lock_case() {
  new_case "$1"
  mig Migration20260101000000_busy <<'LUA'
return { up = function(m) m:addSql "create table busy (id integer primary key)"; m:addSql "insert into busy values (1), (2)" end }
LUA
  up; expect_rc 0
  mig Migration20260102000000_alter <<'LUA'
return { up = function(m) m:addSql "alter table busy add column note text" end }
LUA
}

new_case_lock_holder() {   # a long report: holds ACCESS SHARE on busy for $1 seconds
  psql -qAt "$URL" -c "begin" -c "select count(*) from busy" -c "select pg_sleep($1)" -c "commit" >/dev/null 2>&1 &
  holder=$!
  for _ in $(seq 1 50); do
    [ "$(q "select count(*) from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'busy' and l.granted")" -gt 0 ] && break
    sleep 0.1
  done
}

lock_case "lockWait: readers get through while the migration waits; tries used up name the holder"
cat > tide.lua <<LUA
return { url = "$URL", migrations = { lockWait = { timeout = "300ms", retries = 4, backoff = "300ms" } } }
LUA
new_case_lock_holder 30
start=$(date +%s%N)
"$TIDE_BIN" migration:up > "$work/up.out" 2>&1 &
mig_pid=$!
sleep 1
# a second reader, started while the migration waits: with an unbounded
# ALTER queued ahead of it, it would wait behind it for the whole report
reader_start=$(date +%s%N)
got=$(PGOPTIONS="-c statement_timeout=2500 -c client_min_messages=warning" psql -qAt "$URL" -c "select count(*) from busy" 2>&1)
reader_ms=$(( ($(date +%s%N) - reader_start) / 1000000 ))
[ "$got" = "2" ] || bad "the second reader did not get through: $got"
kill -0 "$mig_pid" 2>/dev/null || bad "the migration had stopped before the reader ran"
wait "$mig_pid"; rc=$?
out=$(cat "$work/up.out")
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
expect_rc 1
expect_out "lock timeout"
expect_out "(5 tries) waiting for a lock on busy held by pid "
expect_out "select pg_sleep(30)"
expect_out "migrations.lockWait"
expect_q "select count(*) from information_schema.columns where table_name = 'busy' and column_name = 'note'" "0"
expect_q "select count(*) from tide_migrations" "1"
echo "  reader waited ${reader_ms} ms; the migration gave up after ${elapsed} ms"
printf '%s\n' "$out" | grep -m 1 "lock timeout" | sed 's/^/  message: /' 
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
q "select pg_terminate_backend(pid) from pg_stat_activity where query like '%pg_sleep(30)%' and pid <> pg_backend_pid()" >/dev/null

lock_case "lockWait: the migration applies once the holder ends between two tries"
cat > tide.lua <<LUA
return { url = "$URL", migrations = { lockWait = { timeout = "300ms", retries = 10, backoff = "300ms" } } }
LUA
new_case_lock_holder 2
tide migration:up; expect_rc 0
expect_q "select count(*) from information_schema.columns where table_name = 'busy' and column_name = 'note'" "1"
wait "$holder" 2>/dev/null

lock_case "statementTimeout: a migration statement that runs too long fails"
cat > tide.lua <<LUA
return { url = "$URL", migrations = { statementTimeout = "500ms" } }
LUA
mig Migration20260102000000_alter <<'LUA'
return { up = function(m) m:execute("select pg_sleep(3)") end }
LUA
tide migration:up; expect_rc 1; expect_out "statement timeout"

lock_case "runLock = \"session\": statementTimeout holds for the session, outside a transaction too"
cat > tide.lua <<LUA
return { url = "$URL", migrations = { runLock = "session", statementTimeout = "500ms",
                                      lockWait = { timeout = "300ms", retries = 1, backoff = "100ms" } } }
LUA
mig Migration20260102000000_alter <<'LUA'
return { transactional = false, up = function(m) m:execute("select pg_sleep(3)") end }
LUA
tide migration:up; expect_rc 1; expect_out "statement timeout"
rm -f tide.lua

t "lockWait: a bad value is refused naming the key"
cat > tide.lua <<LUA
return { url = "$URL", migrations = { lockWait = { timeout = "2 parsecs" } } }
LUA
tide migration:up; expect_rc 1; expect_out "'migrations.lockWait.timeout' must be a duration"; expect_out "'2 parsecs'"
cat > tide.lua <<LUA
return { url = "$URL", migrations = { lockWait = { retry = 3 } } }
LUA
tide migration:up; expect_out "did you mean 'migrations.lockWait.retries'"
cat > tide.lua <<LUA
return { url = "$URL", migrations = { runLock = "advisory" } }
LUA
tide migration:up; expect_out "'migrations.runLock' must be \"lease\""
rm -f tide.lua

# ---- enum values added and used in one change ----------------------------
new_case "migration:create: an enum value added and used as the new default in one change applies"
mkdir -p schema
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return t.table "member" {
  t.col "id"     :serial() :primary(),
  t.col "status" :enum("member_status", { "active", "banned" }) :default "'active'",
}
LUA
tide --url "$URL" migration:create --name init; expect_rc 0
up; expect_rc 0
q "insert into member (status) values ('banned')" >/dev/null
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return t.table "member" {
  t.col "id"     :serial() :primary(),
  t.col "status" :enum("member_status", { "active", "banned", "pending" }) :default "'pending'",
  t.check("not_new_and_banned", "status <> 'pending' or id > 0"),
}
LUA
tide --url "$URL" migration:create --name pending; expect_rc 0
f=$(ls migrations/Migration*_pending.lua | head -n 1)
grep -q "transactional = false" "$f" || bad "the value is not added on its own: $(cat "$f")"
grep -q "m:transaction(function()" "$f" || bad "the rest is not in a transaction of its own"
up; expect_rc 0; expect_no "55P04"
q "insert into member default values" >/dev/null
expect_q "select string_agg(status::text, ',' order by id) from member" "banned,pending"
expect_q "select status from tide_migrations order by name desc limit 1" "applied"
tide --url "$URL" schema:drift; expect_rc 0
q "delete from member where status = 'pending'" >/dev/null
tide --url "$URL" migration:down; expect_rc 0
expect_q "select column_default from information_schema.columns where table_name = 'member' and column_name = 'status'" "'active'::member_status"

new_case "migration:lint warns about an enum value added and used in one transactional migration"
rm -rf schema
mig Migration20260101000000_enum <<'LUA'
return { up = function(m)
  m:addSql "create type mood as enum ('ok', 'sad')"
  m:addSql "create table person (id integer primary key, mood mood)"
end }
LUA
up; expect_rc 0
mig Migration20260102000000_happy <<'LUA'
return { up = function(m)
  m:addSql "alter type mood add value 'happy'"
  m:addSql "alter table person alter column mood set default 'happy'"
end }
LUA
tide --url "$URL" migration:lint; expect_out "enum-value-used-in-transaction"; expect_out "'happy'"
mig Migration20260102000000_happy <<'LUA'
return { transactional = false, up = function(m)
  m:addSql "alter type mood add value 'happy'"
  m:transaction(function() m:addSql "alter table person alter column mood set default 'happy'" end)
end }
LUA
tide --url "$URL" migration:lint; expect_no "enum-value-used-in-transaction"

finish
