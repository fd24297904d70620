# schema:diff between two databases, for every pair of the diff corpus
# (tests/diff/cases/*: before.lua and after.lua) that applies to PostgreSQL:
# A created from "before", B from "after" (schema:create --run); then
# schema:diff --from A --to B --run must make `pg_dump --schema-only` of A
# equal to B's (sorted, ownership and session settings left out), and a
# second schema:diff must have nothing to do. Uses TIDE_TEST_PG_URL.
# TIDE_DIFF_SHARD=I/N runs the I-th of N interleaved shares of the pairs
# (ctest runs it as two such tests).
. "$(dirname "$0")/lib.sh"
cases=$(cd "$(dirname "$0")/../diff/cases" && pwd)
# Two databases, emptied between pairs (pg_db.inc); tide, psql and pg_dump
# reach them through the session-mode PgBouncer when the test runs under
# ctest (TIDE_TEST_POOL_URL).
PG_DB_PREFIX=pairs PG_DB_POOL=1
. "$(dirname "$0")/pg_db.inc"
A=tide_pairs_$$_a B=tide_pairs_$$_b
dump() {
  pg_dump --schema-only --no-owner --no-privileges "$1" |
    grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | sed '/^$/d' | sort
}

shard=${TIDE_DIFF_SHARD:-1/1} k=0
for dir in "$cases"/*/; do
  name=$(basename "$dir")
  if [ -f "$dir/dialects" ] && ! grep -qw postgres "$dir/dialects"; then continue; fi
  [ -f "$dir/refused" ] && continue
  [ -f "$dir/pg_deparse" ] && continue      # the reason is in that file
  k=$((k + 1))
  [ $(( (k - 1) % ${shard#*/} )) -eq $(( ${shard%/*} - 1 )) ] || continue
  t "$name"
  pg_empty_dbs $A $B
  rm -rf schema tide.lua; mkdir -p schema
  [ -f "$dir/tide.lua" ] && cp "$dir/tide.lua" tide.lua
  cp "$dir/before.lua" schema/app.lua
  tide --url "$base/$A" schema:create --run; [ "$rc" = 0 ] || { bad "schema:create (before) exit $rc"; continue; }
  cp "$dir/after.lua" schema/app.lua
  tide --url "$base/$B" schema:create --run; [ "$rc" = 0 ] || { bad "schema:create (after) exit $rc"; continue; }
  tide --url "$base/$A" schema:diff --from "$base/$A" --to "$base/$B" --run
  [ "$rc" = 0 ] || { bad "schema:diff --run exit $rc"; continue; }
  da=$(dump "$base/$A"); db=$(dump "$base/$B")
  # PostgreSQL appends an added column; a case that adds one in the middle
  # (a file column_order) differs from B in column order only
  [ -f "$dir/column_order" ] || [ "$da" = "$db" ] || bad "pg_dump differs: $(diff <(printf '%s\n' "$da") <(printf '%s\n' "$db") | head -n 12)"
  tide --url "$base/$A" schema:diff --from "$base/$A" --to "$base/$B"
  expect_rc 0; expect_out "nothing to do"
done

finish
