# m:backfill end to end on PostgreSQL (cases in backfill_cases.inc), each
# case in a fresh database of the test cluster (TIDE_TEST_PG_URL).
. "$(dirname "$0")/lib.sh"
PG_DB_PREFIX=backfill PG_DB_POOL=1   # through the pool (TIDE_TEST_POOL_URL, pg_db.inc)
. "$(dirname "$0")/pg_db.inc"
. "$(dirname "$0")/backfill_cases.inc"
cases
finish
