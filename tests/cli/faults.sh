# Fault injection on SQLite (cases in faults_cases.inc), and what only
# SQLite has: another process holding the database's write lock, and the
# database file itself hitting the file size limit.
. "$(dirname "$0")/lib.sh"
n=0
mounted=""
trap '[ -n "$mounted" ] && umount "$mounted"; rm -rf "$work"' EXIT
fresh_db() { n=$((n + 1)); URL="sqlite:$work/db$n.sqlite"; DB="$work/db$n.sqlite"; }
q() { sqlite3 -separator '|' "$DB" "$1"; }
LONG_SQL="with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c where x < 0"
running_sql() { sleep 0.3; }       # nothing to ask: give it time to start
# the lock is flock(2) on <database>.tide-lock: the waiting run has it open
waiting_lock() { ls -l "/proc/$bgpid/fd" 2>/dev/null | grep -q '\.tide-lock$'; }
. "$(dirname "$0")/faults_cases.inc"
signal_cases
file_cases

# Another process holds the write lock (BEGIN IMMEDIATE) for $1 seconds.
hold_lock() {
  { printf 'begin immediate;\ninsert into item (id, v) values (9, %s);\n' "'holder'"; sleep "$1"; printf 'commit;\n'; } |
    sqlite3 "$DB" & holder=$!
  local i
  for i in $(seq 1 50); do
    sqlite3 "$DB" "begin immediate; rollback" >/dev/null 2>&1 || return 0
    sleep 0.1
  done
  bad "the holder never took the lock"
}

t "SQLite locked by another process: waits the busy timeout, then says which file and what to do"
project
slow_mig Migration20260102000000_slow "m:execute [[$LONG_SQL]]"
hold_lock 4
start=$SECONDS
TIDE_SQLITE_BUSY_TIMEOUT=500 t_ migration:up
expect_rc 1; expect_out "SQLite database '$DB' is locked by another process (waited 0.5 s"
expect_out "TIDE_SQLITE_BUSY_TIMEOUT"
[ $((SECONDS - start)) -le 3 ] || bad "it waited $((SECONDS - start)) s, not the 0.5 s busy timeout"
wait "$holder"
expect_q "select v from item order by id" $'keep\nholder'
t_ migration:pending; expect_out "Migration20260102000000_slow"
t_ migration:up; expect_rc 0
expect_q "select v from item order by id" $'keep\nnew\nholder'

t "SQLite locked for less than the busy timeout: tide waits and completes"
project
slow_mig Migration20260102000000_slow "m:execute [[$LONG_SQL]]"
hold_lock 1
TIDE_SQLITE_BUSY_TIMEOUT=10000 t_ migration:up; expect_rc 0
wait "$holder"
expect_q "select v from item order by id" $'keep\nnew\nholder'

t "a TIDE_SQLITE_BUSY_TIMEOUT that is not a number is refused"
project
TIDE_SQLITE_BUSY_TIMEOUT=5s t_ migration:list; expect_rc 1
expect_out "TIDE_SQLITE_BUSY_TIMEOUT='5s' is not a number of milliseconds"

t "the database file hits the file size limit mid-migration: rolled back, next run completes"
project
mig Migration20260102000000_big <<'LUA'
return { up = function(m)
  m:execute "insert into item (id, v) values (2, 'new')"
  if io.open("wait.flag") then m:execute "create table blob_store as select randomblob(4000000) as b" end
end }
LUA
touch wait.flag
cp "$DB" "$work/db.copy"
out=$( (ulimit -f 200; trap '' XFSZ; exec "$TIDE_BIN" --url "$URL" migration:up) 2>&1 </dev/null); rc=$?
expect_rc 1; expect_out "Migration20260102000000_big failed"
expect_q "select v from item order by id" "keep"
expect_q "select count(*) from sqlite_master where name = 'blob_store'" "0"
expect_q "pragma integrity_check" "ok"
next_run_completes

finish
