# Issue 13's round trip at the size of real applications (TIDE_TEST_PG_URL):
# large_schema_pg.lua writes a schema of four modules shaped like open-source
# applications (a forum, a shop, a SaaS billing app, a CMS) in sixteen
# namespaces — 360 tables and partitions, views, materialized views and their
# indexes, plpgsql and sql functions and procedures, triggers (WHEN, constraint,
# transition tables, INSTEAD OF), range/list/hash partitions with indexes of
# their own, row level security policies, domains, composite types, enums,
# identity and generated columns, exclusion constraints, deferrable and
# circular foreign keys, sequences, six extensions, comments on everything.
# Loaded into A, schema:inspect --format lua -> schema:create --run into a
# fresh B must give the same pg_dump --schema-only (ownership and privileges
# left out: tide does not model them, by choice); then schema:update --dump
# against B and schema:diff --from A --to B have nothing to do.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
: "${TIDE_TEST_PG_URL:?TIDE_TEST_PG_URL must name the test cluster}"
base=${TIDE_TEST_PG_URL%/*}
A=tide_large_a_$$ B=tide_large_b_$$
admin() { PGOPTIONS="-c client_min_messages=warning" psql -qAtX "$TIDE_TEST_PG_URL" -c "$1" >/dev/null 2>&1; }
trap 'admin "drop database if exists $A"; admin "drop database if exists $B"; rm -rf "$work"' EXIT
# Nothing is left out of the comparison: comments on constraints, namespaces,
# enum types and a serial's own sequence, and a view's options, are compared
# like the rest (issue 13: nothing silently lost).
dump() {
  pg_dump --schema-only --no-owner --no-privileges "$base/$1" |
    grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | sed '/^$/d' | sort
}
for d in $A $B; do admin "drop database if exists $d"; admin "create database $d"; done

t "the schema loads"
lua5.4 "$here/large_schema_pg.lua" > large.sql || bad "large_schema_pg.lua failed"
out=$(PGOPTIONS="-c client_min_messages=warning" psql -qX -v ON_ERROR_STOP=1 "$base/$A" -f large.sql 2>&1) || bad "large.sql failed"
n=$(psql -qAtX "$base/$A" -c "select count(*) from pg_class where relkind in ('r', 'p') and relnamespace::regnamespace::text not in ('pg_catalog', 'information_schema', 'pg_toast')")
[ "$n" -ge 300 ] || { out=$n; bad "only $n tables"; }

t "schema:inspect -> schema:create --run: the same pg_dump"
mkdir -p proj/schema
tide --url "$base/$A" schema:inspect --format lua; expect_rc 0
printf '%s\n' "$stdout" > proj/schema/app.lua
(cd proj && "$TIDE_BIN" --url "$base/$B" schema:create --run) > create.out 2>&1 || { out=$(tail -n 30 create.out); bad "schema:create --run failed"; }
dump $A > a.dump; dump $B > b.dump
cmp -s a.dump b.dump || { out=$(diff a.dump b.dump | head -n 40); bad "the dumps differ (< inspected, > created)"; }

t "the created database inspects as the definitions say"
tide --url "$base/$B" schema:inspect --format lua; expect_rc 0
printf '%s\n' "$stdout" > again.lua
cmp -s proj/schema/app.lua again.lua || { out=$(diff proj/schema/app.lua again.lua | head -n 30); bad "inspect of the created database differs"; }

t "schema:update --dump against the created database has nothing to do"
(cd proj && "$TIDE_BIN" --url "$base/$B" schema:update --dump) > update.out 2>&1
out=$(head -n 30 update.out); expect_out "nothing to do"

t "schema:diff --from A --to B has nothing to do"
tide --url "$base/$A" schema:diff --from "$base/$A" --to "$base/$B"; expect_rc 0
out=$(printf '%s\n' "$out" | head -n 30); expect_out "nothing to do"
finish
