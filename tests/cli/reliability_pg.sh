# Reliability of the runner on PostgreSQL (SPEC 5), against the test cluster
# ($TIDE_TEST_PG_URL), each case in a database of its own: concurrent runners
# apply each migration exactly once; a run killed (SIGKILL) inside a
# transactional migration leaves nothing of it behind; one killed inside a
# transactional = false migration leaves a 'running' row that blocks later
# runs until migration:resolve; a second runner gives up after lockTimeout.
# Every wait is bounded; background processes and the databases are removed
# on exit.
. "$(dirname "$0")/lib.sh"
: "${TIDE_TEST_PG_URL:?TIDE_TEST_PG_URL must name the test cluster}"
command -v psql >/dev/null || { echo "reliability_pg: psql is required"; exit 1; }
admin_url=$TIDE_TEST_PG_URL
prefix="tide_rel_$$"
dbs=() bg_pids=()

# psql, bounded, quiet, unaligned: psql_q URL SQL
psql_q() { timeout 20 psql "$1" -XAtq -v ON_ERROR_STOP=1 -c "$2" 2>&1; }

cleanup() {
  local p d
  { for p in ${bg_pids[@]+"${bg_pids[@]}"}; do kill -KILL "$p" && wait "$p"; done; } 2>/dev/null
  for d in ${dbs[@]+"${dbs[@]}"}; do
    psql_q "$admin_url" "drop database if exists $d with (force)" >/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# new_db SUFFIX: creates database ${prefix}_SUFFIX; sets $db (name) and $url.
new_db() {
  db="${prefix}_$1"
  dbs+=("$db")
  psql_q "$admin_url" "create database $db" >/dev/null || bad "cannot create database $db"
  local base=${admin_url%%\?*}
  url="${base%/*}/$db${admin_url#"$base"}"
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# tide, bounded: like lib.sh's tide (sets $out, $stdout, $rc) but killed
# after $TIDE_LIMIT seconds (rc 137 then).
TIDE_LIMIT=${TIDE_LIMIT:-40}
tide() {
  local errf="$work/.stderr"
  stdout=$(timeout -s KILL "$TIDE_LIMIT" "$TIDE_BIN" "$@" 2>"$errf" </dev/null); rc=$?
  out="$stdout"$'\n'"$(cat "$errf")"
  [ "$rc" = 137 ] && bad "tide $* was still running after $TIDE_LIMIT s (killed)"
}

# Started in the background, $! is the tide process itself (a simple command
# is exec'd by the forked shell), so it can be SIGKILLed.
bg_tide() { # OUTFILE ARGS...: runs tide in the background; sets $bg
  local o=$1; shift
  "$TIDE_BIN" "$@" >"$o" 2>&1 </dev/null &
  bg=$!; bg_pids+=("$bg")
}

# A live process that is not a zombie.
alive() {
  local st
  st=$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}

# kill_wait PID: SIGKILL and reap it, quietly (no "Killed" job notice); $wrc.
kill_wait() { { kill -KILL "$1"; wait "$1"; wrc=$?; } 2>/dev/null; }

# wait_pid PID SECONDS: waits for a background process; $wrc is its exit
# status, or 124 when it had to be killed at the deadline (returns 1 then).
wait_pid() {
  local pid=$1 deadline=$(( $(now_ms) + $2 * 1000 ))
  while alive "$pid"; do
    if [ "$(now_ms)" -ge "$deadline" ]; then kill_wait "$pid"; wrc=124; return 1; fi
    sleep 0.05
  done
  wait "$pid" 2>/dev/null; wrc=$?
  return 0
}

# wait_file FILE SECONDS: until FILE exists; returns 1 at the deadline.
wait_file() {
  local deadline=$(( $(now_ms) + $2 * 1000 ))
  while [ ! -e "$1" ]; do
    [ "$(now_ms)" -ge "$deadline" ] && return 1
    sleep 0.02
  done
}

# Checks a value; names what was compared.
expect_eq() { [ "$2" = "$3" ] || bad "$1: got '$2', expected '$3'"; }

# Lua that marks the migration has started (a file named by $TIDE_REL_MARK)
# and then waits (pg_sleep(0.05) in turns) until the test creates
# $TIDE_REL_MARK.release (at most 120 s), only when $TIDE_REL_SLOW is set: the
# same file runs fast when the run is repeated.
slow_lua='
    if os.getenv("TIDE_REL_SLOW") then
      local f = assert(io.open(os.getenv("TIDE_REL_MARK"), "w")); f:close()
      local release, t0 = os.getenv("TIDE_REL_MARK") .. ".release", os.time()
      while not io.open(release) and os.time() - t0 < 120 do m:execute("select pg_sleep(0.05)") end
    end'

has_table() { psql_q "$url" "select count(*) from pg_class where relname = '$1' and relkind = 'r'"; }

# ---------------------------------------------------------------------------
t "8 concurrent migration:up runs apply each of 21 migrations exactly once"
new_db conc
mkdir -p conc/migrations && cd conc
cat > migrations/Migration20250101000000_counter.lua <<'LUA'
return {
  up = function(m) m:addSql("create table counter (name text not null)") end,
  down = function(m) m:addSql("drop table counter") end,
}
LUA
for i in $(seq -w 1 20); do
  cat > "migrations/Migration202501010000${i}_t${i}.lua" <<LUA
return {
  up = function(m)
    m:execute("create table t_$i (id integer primary key, v text)")
    m:execute("insert into counter (name) values (?)", "t_$i")
    m:execute("select pg_sleep(0.01)")  -- widen the window
  end,
  down = function(m) m:addSql("drop table t_$i") end,
}
LUA
done
pids=()
for n in 1 2 3 4 5 6 7 8; do
  # every process waits for the file "go", then becomes tide
  ( for _ in $(seq 1 500); do [ -e go ] && break; sleep 0.01; done
    exec "$TIDE_BIN" --url "$url" migration:up >"out.$n" 2>&1 </dev/null ) &
  pids+=("$!"); bg_pids+=("$!")
done
sleep 0.2; touch go
n=0
for p in "${pids[@]}"; do
  n=$((n + 1))
  wait_pid "$p" 50 || bad "process $n still running after 50 s (killed)"
  [ "$wrc" = 0 ] || { out=$(cat "out.$n"); bad "process $n exited $wrc"; }
done
out=$(cat out.*)
expect_eq "'migrated' lines over all 8 outputs" "$(cat out.* | grep -c ': migrated (')" 21
expect_eq "applied tracking rows" "$(psql_q "$url" "select count(*) from tide_migrations where status = 'applied'")" 21
expect_eq "tracking rows not applied" "$(psql_q "$url" "select count(*) from tide_migrations where status <> 'applied'")" 0
expect_eq "distinct tracked names" "$(psql_q "$url" "select count(distinct name) from tide_migrations")" 21
expect_eq "counter rows" "$(psql_q "$url" "select count(*) from counter")" 20
expect_eq "distinct counter rows" "$(psql_q "$url" "select count(distinct name) from counter")" 20
expect_eq "tables t_*" "$(psql_q "$url" "select count(*) from pg_class where relkind = 'r' and relname ~ '^t_[0-9]+\$'")" 20
tide --url "$url" migration:pending
expect_rc 0; expect_out "No pending migrations."; expect_no "Migration2025"
cd "$work"

# ---------------------------------------------------------------------------
t "SIGKILL inside a transactional migration leaves nothing of the run; the next up completes"
new_db kill
mkdir -p kill/migrations && cd kill
cat > migrations/Migration20250102000001_base.lua <<'LUA'
return {
  up = function(m) m:addSql("create table base (id integer)") end,
  down = function(m) m:addSql("drop table base") end,
}
LUA
tide --url "$url" migration:up; expect_rc 0
# two more: "pre" (same master transaction, allOrNothing) and "slow", killed
cat > migrations/Migration20250102000002_pre.lua <<'LUA'
return {
  up = function(m) m:execute("create table pre_t (id integer)"); m:execute("insert into pre_t values (1)") end,
  down = function(m) m:addSql("drop table pre_t") end,
}
LUA
cat > migrations/Migration20250102000003_slow.lua <<LUA
return {
  up = function(m)
    m:execute("create table slow_t (id integer)")
    m:execute("insert into slow_t select generate_series(1, 100)")
$slow_lua
  end,
  down = function(m) m:addSql("drop table slow_t") end,
}
LUA
TIDE_REL_SLOW=1 TIDE_REL_MARK=$work/kill/started bg_tide run1.out --url "$url" migration:up
if wait_file started 60; then
  sleep 1
  alive "$bg" || bad "tide ended before it was killed: $(cat run1.out)"
  kill_wait "$bg"
  expect_eq "exit status of the killed run" "$wrc" 137
else
  bad "the slow migration never started: $(cat run1.out)"
fi
expect_eq "table slow_t" "$(has_table slow_t)" 0
expect_eq "table pre_t" "$(has_table pre_t)" 0
expect_eq "tracking rows of the killed run" "$(psql_q "$url" "select count(*) from tide_migrations where name like '%pre' or name like '%slow'")" 0
expect_eq "tracking row of base" "$(psql_q "$url" "select status from tide_migrations where name = 'Migration20250102000001_base'")" applied
# the killed run's server session may sleep on (holding the lock) until
# pg_sleep ends: the next run waits for it, within lockTimeout
tide --url "$url" migration:up
expect_rc 0; expect_out "Migration20250102000003_slow: migrated"
expect_eq "applied rows after the rerun" "$(psql_q "$url" "select count(*) from tide_migrations where status = 'applied'")" 3
expect_eq "rows in slow_t" "$(psql_q "$url" "select count(*) from slow_t")" 100
expect_eq "rows in pre_t" "$(psql_q "$url" "select count(*) from pre_t")" 1
tide --url "$url" migration:pending; expect_rc 0; expect_out "No pending migrations."
cd "$work"

# ---------------------------------------------------------------------------
# nontx_case DIR NAME HOW: a transactional = false migration killed midway;
# HOW is --rolled-back (the operator undoes its partial work first) or --applied.
nontx_case() {
  local dir=$1 name=$2 how=$3
  new_db "$dir"
  mkdir -p "$dir/migrations" && cd "$dir"
  cat > migrations/Migration20250103000001_first.lua <<'LUA'
return {
  up = function(m) m:addSql("create table first_t (id integer)") end,
  down = function(m) m:addSql("drop table first_t") end,
}
LUA
  cat > "migrations/$name.lua" <<LUA
return {
  transactional = false,
  up = function(m)
    m:execute("create table nt_t (id integer)")
    m:execute("insert into nt_t values (1)")
$slow_lua
  end,
  down = function(m) m:addSql("drop table nt_t") end,
}
LUA
  TIDE_REL_SLOW=1 TIDE_REL_MARK=$work/$dir/started bg_tide run1.out --url "$url" migration:up
  if wait_file started 60; then
    sleep 1
    alive "$bg" || bad "tide ended before it was killed: $(cat run1.out)"
    kill_wait "$bg"
    expect_eq "exit status of the killed run" "$wrc" 137
  else
    bad "the slow migration never started: $(cat run1.out)"
  fi
  expect_eq "status of $name after the kill" "$(psql_q "$url" "select status from tide_migrations where name = '$name'")" running
  expect_eq "status of first (committed before)" "$(psql_q "$url" "select status from tide_migrations where name = 'Migration20250103000001_first'")" applied
  tide --url "$url" migration:up
  expect_rc 1; expect_out "migration:resolve"; expect_out "$name"
  expect_eq "status of $name after the refused run" "$(psql_q "$url" "select status from tide_migrations where name = '$name'")" running
  if [ "$how" = --rolled-back ]; then
    psql_q "$url" "drop table nt_t" >/dev/null    # the operator undoes the partial work
  fi
  tide --url "$url" migration:resolve "$name" "$how"; expect_rc 0
  expect_eq "running rows after resolve" "$(psql_q "$url" "select count(*) from tide_migrations where status = 'running'")" 0
  tide --url "$url" migration:up; expect_rc 0
  [ "$how" = --rolled-back ] && expect_out "$name: migrated"
  expect_eq "status of $name at the end" "$(psql_q "$url" "select status from tide_migrations where name = '$name'")" applied
  expect_eq "rows in nt_t at the end" "$(psql_q "$url" "select count(*) from nt_t")" 1
  tide --url "$url" migration:pending; expect_rc 0; expect_out "No pending migrations."
  cd "$work"
}

t "SIGKILL inside a transactional = false migration: 'running' row, up refused, resolve --rolled-back, up completes"
nontx_case nontx1 Migration20250103000002_nontx --rolled-back

t "SIGKILL inside a transactional = false migration: resolve --applied keeps it, up completes"
nontx_case nontx2 Migration20250103000002_nontx --applied

# ---------------------------------------------------------------------------
t "a second runner gives up after lockTimeout = 1 s; the first finishes"
new_db lock
mkdir -p lock/migrations && cd lock
echo 'return { migrations = { lockTimeout = 1 } }' > tide.lua
cat > migrations/Migration20250104000001_hold.lua <<LUA
return {
  up = function(m)
    m:execute("create table hold_t (id integer)")
$slow_lua
  end,
  down = function(m) m:addSql("drop table hold_t") end,
}
LUA
TIDE_REL_SLOW=1 TIDE_REL_MARK=$work/lock/started bg_tide run1.out --url "$url" migration:up
first=$bg
if wait_file started 60; then
  start=$(now_ms)
  tide --url "$url" migration:up
  took=$(( $(now_ms) - start ))
  expect_rc 1; expect_out "could not take the migration lock"; expect_out "lockTimeout"
  expect_no "migrated"
  [ "$took" -ge 900 ] || bad "gave up after $took ms, before the 1 s lockTimeout"
  # the first run holds the lock until released: a second run that waited for
  # it would be killed at TIDE_LIMIT (40 s); giving up is far below that even
  # on a machine busy with other work
  [ "$took" -le 20000 ] || bad "took $took ms to give up (lockTimeout = 1 s)"
  alive "$first" || bad "the first run ended while the second waited"
else
  bad "the slow migration never started: $(cat run1.out)"
fi
: > started.release
wait_pid "$first" 60 || bad "the first run did not finish within 60 s of its release"
out=$(cat run1.out)
expect_eq "exit status of the first run" "$wrc" 0
expect_out "Migration20250104000001_hold: migrated"
expect_eq "tracking row of hold" "$(psql_q "$url" "select status from tide_migrations where name = 'Migration20250104000001_hold'")" applied
cd "$work"

finish
