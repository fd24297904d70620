#!/usr/bin/env bash
# A throwaway PgBouncer in front of the test cluster that cluster.sh started.
# In transaction pooling mode (the default: the way most production
# PostgreSQL is reached) for the tests of the run lock; in session mode
# (MODE session) for the corpus runs, whose dozen `tide` commands per case
# then find a server backend with warm catalog caches instead of starting
# one each (a fresh backend spends ~60 ms planning tide's catalog queries).
#   bouncer.sh start PGSTATE STATEFILE [MODE]
#                                        start it on 127.0.0.1 at a free port, in a
#                                        fresh temporary directory, every database of
#                                        the cluster reached as the role tide; write
#                                        its directory to STATEFILE and its base URL
#                                        (no database) to DIR/url
#   bouncer.sh stop PGSTATE STATEFILE    stop it by its own pid file and remove it
# Runs as the postgres OS user when started as root (PgBouncer refuses root).
set -euo pipefail

cmd=${1:?start|stop}; pgstate=${2:?cluster state file}; state=${3:?state file}
mode=${4:-transaction}
case "$mode" in
  transaction) reset_query="" pool_size=4 check_delay=30 ;;
  # session: a client's whole session on one server connection, reset with
  # DISCARD ALL (session settings, prepared statements, advisory locks) when
  # it leaves, as if it had been a connection of its own; a server
  # connection is checked before each session (the tests drop databases
  # WITH (FORCE) under the pool's feet)
  session) reset_query="DISCARD ALL" pool_size=20 check_delay=0 ;;
  *) echo "bouncer: MODE is transaction or session, not '$mode'" >&2; exit 2 ;;
esac
pool_size=${POOL_SIZE:-$pool_size}     # a test of a pool with fewer server connections
. "$(dirname "$0")/common.sh"
pgstate=$(fixture_state "$pgstate"); state=$(fixture_state "$state")

stop() {
  [ -f "$state" ] || return 0
  local dir; dir=$(cat "$state")
  stop_pid "$dir/pgbouncer.pid"
  rm -rf "$dir" "$state"
}

start() {
  stop
  if [ "${TIDE_TEST_PG:-}" = skip ] && [ -z "${CI:-}" ]; then
    echo "bouncer: not started (TIDE_TEST_PG=skip)"; return 0
  fi
  command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] \
    || { echo "bouncer: pgbouncer is not installed (scripts/deps.sh test, or apt-get install pgbouncer)" >&2; exit 1; }
  local bin; bin=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
  [ -f "$pgstate" ] || { echo "bouncer: the PostgreSQL cluster is not running ($pgstate missing)" >&2; exit 1; }
  local pgdir pgport dir port
  pgdir=$(cat "$pgstate"); pgport=$(cat "$pgdir/port")
  dir=$(mktemp -d /tmp/tide-bouncer.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  echo "$dir" > "$state"
  for attempt in 1 2 3 4 5; do
    port=$(free_port bouncer)
    cat > "$dir/pgbouncer.ini.tide" <<INI
[databases]
* = host=$pgdir port=$pgport user=tide
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = any
pool_mode = $mode
default_pool_size = $pool_size
max_client_conn = 200
server_reset_query = $reset_query
server_check_delay = $check_delay
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
    as_pg cp "$dir/pgbouncer.ini.tide" "$dir/pgbouncer.ini"
    if as_pg "$bin" -d -q "$dir/pgbouncer.ini" 2>>"$dir/start.err"; then
      for _ in $(seq 1 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.1
      done
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    fi
    [ "$attempt" = 5 ] && { cat "$dir/start.err" "$dir/pgbouncer.log" >&2 2>/dev/null; exit 1; }
  done
  echo "postgres://tide@127.0.0.1:$port" > "$dir/url"
  echo "bouncer: PgBouncer ($mode pooling, $pool_size server connections a database) on 127.0.0.1:$port"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: bouncer.sh start|stop PGSTATE STATEFILE [transaction|session]" >&2; exit 2 ;;
esac
