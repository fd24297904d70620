# The PostgreSQL SQL corpus (tests/diff/sql/postgres/<case>/): each case is
# before.sql, after.sql, and optionally seed.sql (rows put into before),
# check.sql (a query on the result) with expect (its output, psql -At).
# A = before + seed, B = after: schema:diff --from A --to B --run must make
# `pg_dump --schema-only` of A equal to B's, a second schema:diff must have
# nothing to do, check.sql must print expect (rows kept), and diffing A back
# to a fresh before must give before's dump. Then the round trip of what
# introspection reads: an empty database D diffed to B (everything created
# from B's model) must dump as B. Uses TIDE_TEST_PG_URL.
# TIDE_DIFF_SHARD=I/N runs the I-th of N interleaved shares of the cases
# (ctest runs it as two such tests, one per core).
. "$(dirname "$0")/lib.sh"
cases=$(cd "$(dirname "$0")/../diff/sql/postgres" && pwd)
# Four databases, emptied between cases (pg_db.inc); tide, psql and pg_dump
# reach them through the session-mode PgBouncer when the test runs under
# ctest (TIDE_TEST_POOL_URL).
PG_DB_PREFIX=sqlc PG_DB_POOL=1
. "$(dirname "$0")/pg_db.inc"
A=tide_sqlc_$$_a B=tide_sqlc_$$_b C=tide_sqlc_$$_c D=tide_sqlc_$$_d
dump() {
  pg_dump --schema-only --no-owner --no-privileges "$1" |
    grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | sed '/^$/d' | sort
}
load() {   # load DB FILE: runs the SQL file, stops at the first error
  local o; o=$(psql -q -v ON_ERROR_STOP=1 "$base/$1" -f "$2" 2>&1) || { out=$o; bad "loading $(basename "$2") failed"; return 1; }
}
same_dump() {   # same_dump X Y WHAT (Y's dump read once per case: dumps[Y])
  local dx dy; dx=$(dump "$base/$1")
  [ -n "${dumps[$2]:-}" ] || dumps[$2]=$(dump "$base/$2")
  dy=${dumps[$2]}
  [ "$dx" = "$dy" ] || bad "$3: pg_dump differs: $(diff <(printf '%s\n' "$dx") <(printf '%s\n' "$dy") | head -n 16)"
}

shard=${TIDE_DIFF_SHARD:-1/1} k=0
for dir in "$cases"/*/; do
  name=$(basename "$dir")
  case "$name" in ${TIDE_SQL_CASE:-*}) ;; *) continue ;; esac   # one case: TIDE_SQL_CASE=glob
  k=$((k + 1))
  [ $(( (k - 1) % ${shard#*/} )) -eq $(( ${shard%/*} - 1 )) ] || continue
  t "$name"
  declare -A dumps=()
  pg_empty_dbs $A $B $C $D
  mkdir -p schema
  load $A "$dir/before.sql" || continue
  if [ -f "$dir/seed.sql" ]; then load $A "$dir/seed.sql" || continue; fi
  load $B "$dir/after.sql" || continue
  load $C "$dir/before.sql" || continue
  tide --url "$base/$A" schema:diff --from "$base/$A" --to "$base/$B" --run
  [ "$rc" = 0 ] || { bad "schema:diff --run exit $rc"; continue; }
  same_dump $A $B "after"
  tide --url "$base/$A" schema:diff --from "$base/$A" --to "$base/$B"
  expect_rc 0; expect_out "nothing to do"
  if [ -f "$dir/check.sql" ]; then
    got=$(psql -qAt -v ON_ERROR_STOP=1 "$base/$A" -f "$dir/check.sql" 2>&1)
    [ "$got" = "$(cat "$dir/expect")" ] || { out=$got; bad "check.sql printed something else than expect"; }
  fi
  tide --url "$base/$A" schema:diff --from "$base/$A" --to "$base/$C" --run
  [ "$rc" = 0 ] || { bad "schema:diff back --run exit $rc"; continue; }
  same_dump $A $C "back to before"
  tide --url "$base/$A" schema:diff --from "$base/$A" --to "$base/$C"
  expect_rc 0; expect_out "nothing to do"
  # what the database needs before tide's objects (extensions) comes first
  if [ -f "$dir/prelude.sql" ]; then load $D "$dir/prelude.sql" || continue; fi
  tide --url "$base/$D" schema:diff --from "$base/$D" --to "$base/$B" --run
  [ "$rc" = 0 ] || { bad "schema:diff from an empty database --run exit $rc"; continue; }
  same_dump $D $B "created from nothing"
done

finish
