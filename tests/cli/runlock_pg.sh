# The run lock through PgBouncer in transaction pooling mode (a real
# pgbouncer, tests/pg/bouncer.sh, TIDE_TEST_BOUNCER_URL) in front of the test
# cluster (TIDE_TEST_PG_URL): the default lease row keeps 8 runners started
# together to exactly one run of each migration, and a runner killed with -9
# while it holds the lock is taken over once its lease expires.
. "$(dirname "$0")/lib.sh"
PG_DB_PREFIX=runlock
. "$(dirname "$0")/pg_db.inc"
q() { PGOPTIONS="-c client_min_messages=warning" psql -qAt -F "|" -v ON_ERROR_STOP=1 "$URL" -c "$1"; }
TIDE_TEST_BOUNCER_URL=$(cat "$(cat "${TIDE_BOUNCER_STATE:?run through ctest: the bouncer fixture}")/url")

mig() { mkdir -p migrations; cat > "migrations/$1.lua"; }
expect_q() {
  local got
  got=$(q "$1" 2>&1)
  [ "$got" = "$2" ] || bad "query '$1' gave '$got', expected '$2'"
}
through_bouncer() { fresh_db; BURL="$TIDE_TEST_BOUNCER_URL/${URL##*/}"; }

write_migrations() {
  rm -rf migrations
  mig Migration20260101000000_log <<'LUA'
return { up = function(m)
  m:addSql "create table ran (name text not null, pid integer not null)"
  m:addSql "insert into ran values ('log', pg_backend_pid())"
end }
LUA
  for i in 2 3 4; do
    mig Migration2026010${i}000000_t$i <<LUA
return { up = function(m)
  m:execute("select pg_sleep(0.3)")
  m:addSql "create table t$i (id integer primary key)"
  m:addSql "insert into ran values ('t$i', pg_backend_pid())"
end }
LUA
  done
}

t "8 runners through PgBouncer (transaction mode) apply each migration exactly once"
through_bouncer
write_migrations
cat > tide.lua <<LUA
return { url = "$BURL" }
LUA
pids=()
for i in 1 2 3 4 5 6 7 8; do
  "$TIDE_BIN" migration:up > "$work/runner$i.out" 2>&1 &
  pids+=($!)
done
fails=0
for i in 1 2 3 4 5 6 7 8; do
  wait "${pids[$((i - 1))]}" || { fails=$((fails + 1)); out=$(cat "$work/runner$i.out"); bad "runner $i failed"; }
done
expect_q "select name || ':' || count(*) from ran group by name order by name" "log:1
t2:1
t3:1
t4:1"
expect_q "select count(*) from tide_migrations where status = 'applied'" "4"
expect_q "select count(*) from tide_migrations_lock" "0"
applied=$(grep -l "Migration20260104000000_t4" "$work"/runner*.out | wc -l)
echo "  runners that ran migrations: $applied of 8; failures: $fails"

t "a runner killed with -9 while it holds the lock is taken over once its lease expires"
through_bouncer
rm -rf migrations
mig Migration20260101000000_slow <<'LUA'
return { up = function(m)
  m:addSql "create table if not exists slow_runs (pid integer)"
  m:addSql "insert into slow_runs values (pg_backend_pid())"
  m:execute("select pg_sleep(2)")
end }
LUA
cat > tide.lua <<LUA
return { url = "$BURL", migrations = { leaseExpiry = "2s" } }
LUA
"$TIDE_BIN" migration:up > "$work/killed.out" 2>&1 &
holder=$!
owner=""
for _ in $(seq 1 100); do
  owner=$(q "select owner from tide_migrations_lock" 2>/dev/null)
  [ -n "$owner" ] && break
  sleep 0.05
done
[ -n "$owner" ] || bad "the first runner never took the lease"
sleep 0.5
kill -9 "$holder"; wait "$holder" 2>/dev/null
killed=$(date +%s%N)
"$TIDE_BIN" migration:up > "$work/taker.out" 2>&1 &
taker=$!
took=""
for _ in $(seq 1 200); do
  now_owner=$(q "select owner from tide_migrations_lock" 2>/dev/null)
  if [ -n "$now_owner" ] && [ "$now_owner" != "$owner" ]; then took=$(( ($(date +%s%N) - killed) / 1000000 )); break; fi
  sleep 0.05
done
[ -n "$took" ] || bad "no runner took the lease over within 10 s"
wait "$taker"; rc=$?; out=$(cat "$work/taker.out")
expect_rc 0
expect_out "Migration20260101000000_slow"
expect_q "select count(*) from tide_migrations where status = 'applied'" "1"
[ -n "$took" ] && [ "$took" -le 3500 ] || bad "the lease was taken over after ${took:-?} ms, expected within leaseExpiry (2 s) + 1.5 s"
echo "  the killed runner's lease was taken over ${took:-?} ms after kill -9 (leaseExpiry 2 s)"

t "a runner waiting for the lease names the holder when lockTimeout runs out"
through_bouncer
rm -rf migrations
mig Migration20260101000000_slow <<'LUA'
return { up = function(m) m:execute("select pg_sleep(3)") end }
LUA
cat > tide.lua <<LUA
return { url = "$BURL", migrations = { lockTimeout = 1 } }
LUA
"$TIDE_BIN" migration:up > "$work/holder.out" 2>&1 &
holder=$!
for _ in $(seq 1 100); do [ -n "$(q "select owner from tide_migrations_lock" 2>/dev/null)" ] && break; sleep 0.05; done
tide migration:up; expect_rc 1
expect_out "could not take the migration lock"
expect_out "holds its lease until"
expect_out "tide_migrations_lock"
wait "$holder" || bad "the holder failed: $(cat "$work/holder.out")"

t "the lease table is no part of the schema: schema:drift and migration:check do not see it"
tide --url "$URL" schema:inspect
expect_no "tide_migrations_lock"

finish
