# Shared by cluster.sh and bouncer.sh: the helpers of a throwaway server.

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# stop_pid PIDFILE: SIGINT to the pid on the file's first line, up to 10 s
# for it to end, then SIGKILL.
stop_pid() {
  [ -f "$1" ] || return 0
  local pid; pid=$(head -n 1 "$1")
  kill -INT "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

# fixture_state FILE: the state file of a fixture, apart for each set of
# fixtures (TIDE_FIXTURES=NAME: FILE.NAME), so that two ctest runs in one
# build tree (make test runs check-memory beside test-plain) each start and
# stop servers of their own instead of stopping each other's.
fixture_state() { echo "$1${TIDE_FIXTURES:+.$TIDE_FIXTURES}"; }

# free_port WHO: a port on 127.0.0.1 nothing listens on.
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  echo "$1: no free port found" >&2; exit 1
}
