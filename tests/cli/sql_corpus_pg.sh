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
# Databases are created and dropped directly; tide, psql and pg_dump reach
# them through the session-mode PgBouncer when the test runs under ctest
# (TIDE_TEST_POOL_URL, tests/pg/bouncer.sh), so drops are WITH (FORCE): the
# pool keeps its idle server connections.
base=${TIDE_TEST_POOL_URL:-${TIDE_TEST_PG_URL%/*}}
A=tide_sqlc_a_$$ B=tide_sqlc_b_$$ C=tide_sqlc_c_$$ D=tide_sqlc_d_$$
admin() { psql -qAt "$TIDE_TEST_PG_URL" -c "$1" >/dev/null 2>&1; }
trap 'for d in $A $B $C $D; do admin "drop database if exists $d with (force)"; done; rm -rf "$work"' EXIT
dump() {
  pg_dump --schema-only --no-owner --no-privileges "$1" |
    grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | sed '/^$/d' | sort
}
fresh() {   # fresh DB...: each dropped and created again, in one psql call
  local d args=()
  for d in "$@"; do args+=(-c "drop database if exists $d with (force)" -c "create database $d"); done
  psql -qAt "$TIDE_TEST_PG_URL" "${args[@]}" >/dev/null 2>&1
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
  fresh $A $B $C $D
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
