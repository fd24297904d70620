#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests.
#   cluster.sh start STATEFILE   initdb into a fresh temporary directory (fsync
#                                off), start on 127.0.0.1 at a free port with the
#                                socket in that directory; write its directory
#                                to STATEFILE and its URL to DIR/url
#   cluster.sh stop STATEFILE    stop it by its own pid file and remove it
# Runs the server as the postgres OS user when started as root (initdb refuses root).
set -euo pipefail

cmd=${1:?start|stop}; state=${2:?state file}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] || { echo "cluster: no PostgreSQL server installed (apt-get install postgresql)" >&2; exit 1; }

. "$(dirname "$0")/common.sh"
state=$(fixture_state "$state")

stop() {
  [ -f "$state" ] || return 0
  local dir; dir=$(cat "$state")
  stop_pid "$dir/data/postmaster.pid"
  rm -rf "$dir" "$state"
}

start() {
  stop
  if [ "${TIDE_TEST_PG:-}" = skip ] && [ -z "${CI:-}" ]; then
    echo "cluster: not started (TIDE_TEST_PG=skip)"; return 0
  fi
  local dir port
  dir=$(mktemp -d /tmp/tide-pg.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  echo "$dir" > "$state"
  as_pg "$pgbin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  cat > "$dir/pg_hba.conf.tide" <<HBA
local all all trust
host  all postgres 127.0.0.1/32 trust
host  all all 127.0.0.1/32 scram-sha-256
HBA
  as_pg cp "$dir/pg_hba.conf.tide" "$dir/data/pg_hba.conf"
  for attempt in 1 2 3 4 5; do
    port=$(free_port cluster)
    if as_pg "$pgbin/pg_ctl" -D "$dir/data" -w -t 30 -l "$dir/server.log" \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
        start >/dev/null; then
      break
    fi
    [ "$attempt" = 5 ] && { cat "$dir/server.log" >&2; exit 1; }
  done
  as_pg "$pgbin/psql" -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "create role tide login superuser password 'tide-test-pw'" \
    -c "create database tide_test owner tide" >/dev/null
  echo "postgres://tide:tide-test-pw@127.0.0.1:$port/tide_test" > "$dir/url"
  echo "$port" > "$dir/port"
  echo "cluster: PostgreSQL running on 127.0.0.1:$port (socket in $dir)"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: cluster.sh start|stop STATEFILE" >&2; exit 2 ;;
esac
