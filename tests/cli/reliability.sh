# Reliability of the runner on SQLite (SPEC 5): concurrent runners apply each
# migration exactly once; a run killed (SIGKILL) inside a transactional
# migration leaves nothing of it behind; one killed inside a
# transactional = false migration leaves a 'running' row that blocks later
# runs until migration:resolve; a second runner gives up after lockTimeout.
# Every wait is bounded and every background process is killed on exit.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "reliability: sqlite3 is required"; exit 1; }

bg_pids=()
cleanup() {
  local p
  { for p in ${bg_pids[@]+"${bg_pids[@]}"}; do kill -KILL "$p" && wait "$p"; done; } 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

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

# kill_wait PID: SIGKILL and reap it, quietly (no "Killed" job notice); $wrc.
kill_wait() { { kill -KILL "$1"; wait "$1"; wrc=$?; } 2>/dev/null; }

# wait_file FILE SECONDS: until FILE exists; returns 1 at the deadline.
wait_file() {
  local deadline=$(( $(now_ms) + $2 * 1000 ))
  while [ ! -e "$1" ]; do
    [ "$(now_ms)" -ge "$deadline" ] && return 1
    sleep 0.02
  done
}

# sq DB SQL: one value (or rows) from sqlite3, bounded.
sq() { timeout 20 sqlite3 -batch "$1" "$2" 2>&1; }

# Checks a value; names what was compared.
expect_eq() { [ "$2" = "$3" ] || bad "$1: got '$2', expected '$3'"; }

# A migration that marks it has started (a file named by $TIDE_REL_MARK) and
# then waits until the test creates $TIDE_REL_MARK.release (at most 120 s),
# only when $TIDE_REL_SLOW is set (no fixed duration: a busy machine cannot
# make it end early or late):
# the same file runs fast when the run is repeated.
slow_lua='
    if os.getenv("TIDE_REL_SLOW") then
      local f = assert(io.open(os.getenv("TIDE_REL_MARK"), "w")); f:close()
      local release, t0 = os.getenv("TIDE_REL_MARK") .. ".release", os.time()
      while not io.open(release) and os.time() - t0 < 120 do os.execute("sleep 0.05") end
    end'

# ---------------------------------------------------------------------------
t "8 concurrent migration:up runs (4 spellings of the path) apply each of 21 migrations exactly once"
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
    local t0 = os.clock(); while os.clock() - t0 < 0.01 do end  -- widen the window
  end,
  down = function(m) m:addSql("drop table t_$i") end,
}
LUA
done
# the same file under four spellings: the lock must still be one lock
ln -s conc.db link.db; mkdir sub
urls=(sqlite:conc.db sqlite:./conc.db "sqlite:$work/conc/sub/../conc.db" sqlite:link.db)
pids=()
for n in 1 2 3 4 5 6 7 8; do
  # every process waits for the file "go", then becomes tide
  ( for _ in $(seq 1 500); do [ -e go ] && break; sleep 0.01; done
    exec "$TIDE_BIN" --url "${urls[$((n % 4))]}" migration:up >"out.$n" 2>&1 </dev/null ) &
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
expect_eq "applied tracking rows" "$(sq conc.db "select count(*) from tide_migrations where status = 'applied'")" 21
expect_eq "tracking rows not applied" "$(sq conc.db "select count(*) from tide_migrations where status <> 'applied'")" 0
expect_eq "distinct tracked names" "$(sq conc.db "select count(distinct name) from tide_migrations")" 21
expect_eq "counter rows" "$(sq conc.db "select count(*) from counter")" 20
expect_eq "distinct counter rows" "$(sq conc.db "select count(distinct name) from counter")" 20
expect_eq "tables t_*" "$(sq conc.db "select count(*) from sqlite_master where type = 'table' and name like 't\_%' escape '\'")" 20
tide --url sqlite:conc.db migration:pending
expect_rc 0; expect_out "No pending migrations."; expect_no "Migration2025"
cd "$work"

# ---------------------------------------------------------------------------
t "SIGKILL inside a transactional migration leaves nothing of the run; the next up completes"
mkdir -p kill/migrations && cd kill
cat > migrations/Migration20250102000001_base.lua <<'LUA'
return {
  up = function(m) m:addSql("create table base (id integer)") end,
  down = function(m) m:addSql("drop table base") end,
}
LUA
tide --url sqlite:kill.db migration:up; expect_rc 0
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
    for i = 1, 100 do m:execute("insert into slow_t values (?)", i) end
$slow_lua
  end,
  down = function(m) m:addSql("drop table slow_t") end,
}
LUA
TIDE_REL_SLOW=1 TIDE_REL_MARK=$work/kill/started bg_tide run1.out --url sqlite:kill.db migration:up
if wait_file started 60; then
  sleep 1
  alive "$bg" || bad "tide ended before it was killed: $(cat run1.out)"
  kill_wait "$bg"
  expect_eq "exit status of the killed run" "$wrc" 137
else
  bad "the slow migration never started: $(cat run1.out)"
fi
# Inspect a copy (database and any hot journal), so that sqlite3 recovers the
# copy and tide itself has to deal with what the kill left behind.
mkdir snap && cp kill.db* snap/
expect_eq "table slow_t" "$(sq snap/kill.db "select count(*) from sqlite_master where name = 'slow_t'")" 0
expect_eq "table pre_t" "$(sq snap/kill.db "select count(*) from sqlite_master where name = 'pre_t'")" 0
expect_eq "tracking rows of the killed run" "$(sq snap/kill.db "select count(*) from tide_migrations where name like '%pre' or name like '%slow'")" 0
expect_eq "tracking row of base" "$(sq snap/kill.db "select status from tide_migrations where name = 'Migration20250102000001_base'")" applied
tide --url sqlite:kill.db migration:up
expect_rc 0; expect_out "Migration20250102000003_slow: migrated"
expect_eq "applied rows after the rerun" "$(sq kill.db "select count(*) from tide_migrations where status = 'applied'")" 3
expect_eq "rows in slow_t" "$(sq kill.db "select count(*) from slow_t")" 100
expect_eq "rows in pre_t" "$(sq kill.db "select count(*) from pre_t")" 1
tide --url sqlite:kill.db migration:pending; expect_rc 0; expect_out "No pending migrations."
cd "$work"

# ---------------------------------------------------------------------------
# nontx_case DIR NAME HOW: a transactional = false migration killed midway;
# HOW is --rolled-back (the operator undoes its partial work first) or --applied.
nontx_case() {
  local dir=$1 name=$2 how=$3 db=$1.db
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
  TIDE_REL_SLOW=1 TIDE_REL_MARK=$work/$dir/started bg_tide run1.out --url "sqlite:$db" migration:up
  if wait_file started 60; then
    sleep 1
    alive "$bg" || bad "tide ended before it was killed: $(cat run1.out)"
    kill_wait "$bg"
    expect_eq "exit status of the killed run" "$wrc" 137
  else
    bad "the slow migration never started: $(cat run1.out)"
  fi
  expect_eq "status of $name after the kill" "$(sq "$db" "select status from tide_migrations where name = '$name'")" running
  expect_eq "status of first (committed before)" "$(sq "$db" "select status from tide_migrations where name = 'Migration20250103000001_first'")" applied
  tide --url "sqlite:$db" migration:up
  expect_rc 1; expect_out "migration:resolve"; expect_out "$name"
  expect_eq "status of $name after the refused run" "$(sq "$db" "select status from tide_migrations where name = '$name'")" running
  if [ "$how" = --rolled-back ]; then
    sq "$db" "drop table nt_t" >/dev/null    # the operator undoes the partial work
  fi
  tide --url "sqlite:$db" migration:resolve "$name" "$how"; expect_rc 0
  expect_eq "running rows after resolve" "$(sq "$db" "select count(*) from tide_migrations where status = 'running'")" 0
  tide --url "sqlite:$db" migration:up; expect_rc 0
  [ "$how" = --rolled-back ] && expect_out "$name: migrated"
  expect_eq "status of $name at the end" "$(sq "$db" "select status from tide_migrations where name = '$name'")" applied
  expect_eq "rows in nt_t at the end" "$(sq "$db" "select count(*) from nt_t")" 1
  tide --url "sqlite:$db" migration:pending; expect_rc 0; expect_out "No pending migrations."
  cd "$work"
}

t "SIGKILL inside a transactional = false migration: 'running' row, up refused, resolve --rolled-back, up completes"
nontx_case nontx1 Migration20250103000002_nontx --rolled-back

t "SIGKILL inside a transactional = false migration: resolve --applied keeps it, up completes"
nontx_case nontx2 Migration20250103000002_nontx --applied

# ---------------------------------------------------------------------------
t "a second runner gives up after lockTimeout = 1 s; the first finishes"
mkdir -p lock/migrations && cd lock
echo 'return { url = "sqlite:lock.db", migrations = { lockTimeout = 1 } }' > tide.lua
cat > migrations/Migration20250104000001_hold.lua <<LUA
return {
  up = function(m)
    m:execute("create table hold_t (id integer)")
$slow_lua
  end,
  down = function(m) m:addSql("drop table hold_t") end,
}
LUA
TIDE_REL_SLOW=1 TIDE_REL_MARK=$work/lock/started bg_tide run1.out migration:up
first=$bg
if wait_file started 60; then
  start=$(now_ms)
  tide migration:up
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
expect_eq "tracking row of hold" "$(sq lock.db "select status from tide_migrations where name = 'Migration20250104000001_hold'")" applied
cd "$work"

finish
