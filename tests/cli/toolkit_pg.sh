# The migration toolkit end to end on PostgreSQL (cases in
# toolkit_cases.inc), each case in a fresh database of the test cluster
# (TIDE_TEST_PG_URL).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
PG_DB_PREFIX=toolkit
. "$(dirname "$0")/pg_db.inc"
. "$here/toolkit_cases.inc"
cases
finish
