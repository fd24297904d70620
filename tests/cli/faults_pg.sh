# Fault injection on PostgreSQL (cases in faults_cases.inc), each case in a
# fresh database of the test cluster (TIDE_TEST_PG_URL), and what only a
# server has: the session killed (pg_terminate_backend) and the server
# stopped mid-run; the latter on a cluster of this test's own.
. "$(dirname "$0")/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
admin="$TIDE_TEST_PG_URL"
n=0
dbs=()
mounted=""
own_state="$work/own-cluster.state"
cluster="$TIDE_SOURCE_DIR/tests/pg/cluster.sh"
fresh_db() {
  n=$((n + 1))
  local db="tide_faults_$$_$n"
  psql -qAt "$admin" -c "drop database if exists $db" -c "create database $db" >/dev/null
  dbs+=("$db")
  URL="$base/$db"
}
q() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$URL" -c "$1"; }
cleanup() {
  [ -n "$mounted" ] && umount "$mounted"
  "$cluster" stop "$own_state" >/dev/null 2>&1
  for db in "${dbs[@]}"; do psql -qAt "$admin" -c "drop database if exists $db" >/dev/null 2>&1; done
  rm -rf "$work"
}
trap cleanup EXIT
LONG_SQL="select pg_sleep(30)"
running_sql() {
  [ "$(psql -qAt "$URL" -c "select count(*) from pg_stat_activity where query = '$LONG_SQL' and state = 'active'")" = 1 ]
}
# the waiting run polls for the lock (the lease row, or an advisory lock):
# its session shows that as its statement, while the holder's runs LONG_SQL
waiting_lock() {
  [ "$(psql -qAt "$URL" -c "select count(*) from pg_stat_activity where datname = current_database()
    and pid <> pg_backend_pid() and (query like 'INSERT INTO \"tide_migrations_lock\"%'
    or query like 'SELECT pg_try_advisory_lock%')")" -ge 1 ]
}
. "$(dirname "$0")/faults_cases.inc"
signal_cases
file_cases

t "the session killed (pg_terminate_backend) mid-migration: clear error, rolled back, next run completes"
project
slow_mig Migration20260102000000_slow "m:execute [[$LONG_SQL]]"
touch wait.flag
bg migration:up; wait_marker sql
psql -qAt "$URL" -c "select pg_terminate_backend(pid) from pg_stat_activity where query = '$LONG_SQL'" >/dev/null
bg_wait
expect_rc 1; expect_out "connection to PostgreSQL lost"; expect_out "Migration20260102000000_slow"
expect_q "select v from item order by id" "keep"
expect_q "select count(*) from pg_locks where locktype = 'advisory'" "0"
next_run_completes

t "the server stopped mid-run (fast shutdown): clear error; after a restart the next run completes"
if "$cluster" start "$own_state" >/dev/null; then
  dir=$(cat "$own_state")
  URL=$(cat "$dir/url")
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  fresh_db() { :; }        # the own cluster's database, as it is
  project
  slow_mig Migration20260102000000_slow "m:execute [[$LONG_SQL]]"
  touch wait.flag
  bg migration:up; wait_marker sql
  as_pg "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || bad "the server did not stop"
  bg_wait
  expect_rc 1; expect_out "connection to PostgreSQL lost"; expect_out "Migration20260102000000_slow"
  t_ migration:list; expect_rc 1; expect_out "is the server running?"
  as_pg "$pgbin/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" \
    -o "-p $(cat "$dir/port") -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
    bad "the server did not start again"
  expect_q "select v from item order by id" "keep"
  next_run_completes
  "$cluster" stop "$own_state" >/dev/null
else
  bad "could not start a cluster of this test's own"
fi

finish
