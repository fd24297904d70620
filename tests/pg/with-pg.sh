#!/usr/bin/env bash
# Runs a command with TIDE_TEST_PG_URL (and TIDE_TEST_PG_DIR) set to the
# cluster that cluster.sh started. Exits 77 (CTest's "skipped") only when a
# developer set TIDE_TEST_PG=skip outside CI; in CI PostgreSQL tests never skip.
set -euo pipefail
. "$(dirname "$0")/common.sh"
state=$(fixture_state "${1:?state file}"); shift
[ -z "${TIDE_POOL_STATE:-}" ] || TIDE_POOL_STATE=$(fixture_state "$TIDE_POOL_STATE")
[ -z "${TIDE_BOUNCER_STATE:-}" ] || { TIDE_BOUNCER_STATE=$(fixture_state "$TIDE_BOUNCER_STATE"); export TIDE_BOUNCER_STATE; }
if [ "${TIDE_TEST_PG:-}" = skip ]; then
  if [ -n "${CI:-}" ]; then echo "with-pg: TIDE_TEST_PG=skip is ignored in CI" >&2
  else echo "with-pg: PostgreSQL test skipped (TIDE_TEST_PG=skip)"; exit 77; fi
fi
[ -f "$state" ] || { echo "with-pg: no PostgreSQL cluster was started (state file $state missing)" >&2; exit 1; }
dir=$(cat "$state")
TIDE_TEST_PG_URL=$(cat "$dir/url")
export TIDE_TEST_PG_URL TIDE_TEST_PG_DIR=$dir
# the session-mode PgBouncer (bouncer.sh ... session), when the test needs it:
# its base URL, a database name to be appended
if [ -n "${TIDE_POOL_STATE:-}" ]; then
  [ -f "$TIDE_POOL_STATE" ] || { echo "with-pg: the pool fixture did not start ($TIDE_POOL_STATE missing)" >&2; exit 1; }
  TIDE_TEST_POOL_URL=$(cat "$(cat "$TIDE_POOL_STATE")/url")
  export TIDE_TEST_POOL_URL
fi
# psql, pg_dump and createdb of the cluster's own version, called directly:
# Debian's /usr/bin/psql is a Perl wrapper (pg_wrapper) costing 50 ms a
# call, a quarter of the diff corpus's time on PostgreSQL
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -z "$pg_bin" ] || PATH="$pg_bin:$PATH"
unset TIDE_FIXTURES      # for the fixtures only: a test starting a server of its own names its state file
exec "$@"
