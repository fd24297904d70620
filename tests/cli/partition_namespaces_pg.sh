# Partitions in namespaces of their own, as GitLab keeps them (issue 13):
# the schema of SQL corpus case 199 (partitioned tables in public, their
# partitions, sub-partitions, partition indexes, constraints, triggers and
# renamed index copies in gitlab_partitions_static / _dynamic; a table of
# another namespace with a partition in public) goes schema:inspect
# --format lua -> schema:create --run to the same pg_dump --schema-only,
# schema:update --dump then has nothing to do, and the created database
# inspects as the definitions say. Uses TIDE_TEST_PG_URL.
schema_sql=$(cd "$(dirname "$0")/../diff/sql/postgres/199_partitions_in_other_namespaces" && pwd)/after.sql
. "$(dirname "$0")/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
A=tide_pgnsp_a_$$ B=tide_pgnsp_b_$$
admin() { psql -qAt "$TIDE_TEST_PG_URL" -c "$1" >/dev/null 2>&1; }
trap 'admin "drop database if exists $A"; admin "drop database if exists $B"; rm -rf "$work"' EXIT
dump() {
  pg_dump --schema-only --no-owner --no-privileges "$base/$1" |
    grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | sed '/^$/d' | sort
}
for d in $A $B; do admin "drop database if exists $d"; admin "create database $d"; done

t "the schema loads"
out=$(psql -q -v ON_ERROR_STOP=1 "$base/$A" -f "$schema_sql" 2>&1) || bad "after.sql of case 199 failed"

t "schema:inspect writes each partition in its own namespace, nothing left out"
mkdir -p proj/schema
tide --url "$base/$A" schema:inspect --format lua; expect_rc 0
printf '%s\n' "$stdout" > proj/schema/app.lua
for want in 't.partition "gitlab_partitions_static.events_2025" { table = "public.events"' \
            't.partition "gitlab_partitions_static.events_2026_other" { table = "gitlab_partitions_dynamic.events_2026"' \
            't.partition "public.invoices_eu" { table = "billing.invoices"' \
            't.attachedIndex "gitlab_partitions_static.events_2025_pk" { table = "events_2025"' \
            't.trigger "gitlab_partitions_static.events_2025_audit"'; do
  grep -qF -- "$want" proj/schema/app.lua || { out=$(cat proj/schema/app.lua); bad "inspect does not write: $want"; }
done
case "$out" in *"another namespace"*) bad "inspect still says a partition is in another namespace" ;; esac

t "schema:create --run: the same pg_dump; nothing left to update"
(cd proj && "$TIDE_BIN" --url "$base/$B" schema:create --run) > create.out 2>&1 || { out=$(cat create.out); bad "schema:create --run failed"; }
a=$(dump $A); b=$(dump $B)
[ "$a" = "$b" ] || { out=$(diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | head -n 30); bad "the dumps differ (< inspected, > created)"; }
for d in $B $A; do
  (cd proj && "$TIDE_BIN" --url "$base/$d" schema:update --dump) > update.out 2>&1
  out=$(cat update.out); expect_out "nothing to do"
done

t "the created database inspects as the definitions say"
tide --url "$base/$B" schema:inspect --format lua; expect_rc 0
[ "$stdout" = "$(cat proj/schema/app.lua)" ] || { out=$(diff proj/schema/app.lua <(printf '%s\n' "$stdout") | head -20); bad "inspect of the created database differs"; }

t "inspect --out: a partition apart from its table goes in its table's file, and creates the same"
admin "drop database if exists $B"; admin "create database $B"
mkdir -p split
tide --url "$base/$A" schema:inspect --format lua --out split/schema; expect_rc 0
grep -qF 't.partition "gitlab_partitions_static.events_2025" { table = "public.events"' split/schema/events.lua ||
  { out=$(ls split/schema); bad "events.lua does not hold its partition of another namespace"; }
(cd split && "$TIDE_BIN" --url "$base/$B" schema:create --run) > create.out 2>&1 || { out=$(cat create.out); bad "schema:create --run failed"; }
[ "$(dump $A)" = "$(dump $B)" ] || { out=$(diff <(dump $A) <(dump $B) | head -n 30); bad "the dumps differ (< inspected, > created)"; }

t "hand-written bounds and checks of partitions apart from their table: the server's spelling, nothing left to update"
admin "drop database if exists $B"; admin "create database $B"
mkdir -p hand/schema
cat > hand/schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table "events" :partitionBy "range (created_at)" {
    t.col "id" :bigint(), t.col "created_at" :timestamptz(), t.primary { "id", "created_at" },
  },
  t.partition "gitlab_partitions_dynamic.events_2026" { table = "public.events",
    sql = [[for values from ('2026-01-01') to ('2027-01-01') partition by range (created_at)]] },
  t.partition "gitlab_partitions_static.events_2026_h1" { table = "gitlab_partitions_dynamic.events_2026",
    sql = [[for values from ('2026-01-01') to ('2026-07-01')]] },
  t.partitionConstraint "gitlab_partitions_static.events_2026_h1_id" { table = "events_2026_h1", sql = [[check (id > 0)]] },
}
LUA
(cd hand && "$TIDE_BIN" --url "$base/$B" schema:update --run) > hand.out 2>&1 || { out=$(cat hand.out); bad "schema:update --run failed"; }
(cd hand && "$TIDE_BIN" --url "$base/$B" schema:update --dump) > hand.out 2>&1
out=$(cat hand.out); expect_out "nothing to do"

t "a partition whose table is in another namespace than the file says is refused, by name"
mkdir -p bad/schema
cat > bad/schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table "events" :partitionBy "range (at)" { t.col "at" :date() },
  t.partition "gitlab_partitions_dynamic.events_2026" { table = "events", sql = [[for values from ('2026-01-01') to ('2027-01-01')]] },
}
LUA
(cd bad && "$TIDE_BIN" --url "$base/$B" schema:update --dump) > bad.out 2>&1
rc=$?; out=$(cat bad.out)
[ "$rc" != 0 ] || bad "a partition of a table the schema does not have was taken"
expect_out "gitlab_partitions_dynamic.events_2026"
finish
