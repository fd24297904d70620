# Reliability of the runner on PostgreSQL (SPEC 5): the cases of
# reliability_cases.inc against the test cluster ($TIDE_TEST_PG_URL), each
# case in a database of its own, dropped on exit.
. "$(dirname "$0")/lib.sh"
: "${TIDE_TEST_PG_URL:?TIDE_TEST_PG_URL must name the test cluster}"
command -v psql >/dev/null || { echo "reliability_pg: psql is required"; exit 1; }
admin_url=$TIDE_TEST_PG_URL
prefix="tide_rel_$$"
dbs=()

# psql, bounded, quiet, unaligned: psql_q URL SQL
psql_q() { timeout 20 psql "$1" -XAtq -v ON_ERROR_STOP=1 -c "$2" 2>&1; }
cleanup() {
  local d
  kill_bg
  for d in ${dbs[@]+"${dbs[@]}"}; do
    psql_q "$admin_url" "drop database if exists $d with (force)" >/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

new_db() {
  local db="${prefix}_$1" base=${admin_url%%\?*}
  dbs+=("$db")
  psql_q "$admin_url" "create database $db" >/dev/null || bad "cannot create database $db"
  url="${base%/*}/$db${admin_url#"$base"}"
}
q() { psql_q "$url" "$1"; }
tables() {
  local names; names=$(printf "'%s'," "$@")
  q "select count(*) from pg_class where relkind = 'r' and relname in (${names%,})"
}
conc_urls() { urls=("$url"); }
killed_view() { :; }
SLEEP_LUA='m:execute("select pg_sleep(0.05)")'
WIDEN_LUA='m:execute("select pg_sleep(0.01)")'

. "$(dirname "$0")/reliability_cases.inc"
reliability_cases
finish
