# Objects that belong to other objects on PostgreSQL (TIDE_TEST_PG_URL): an
# index and a constraint of one partition only (t.partitionIndex,
# t.partitionConstraint; the copies PostgreSQL makes of the partitioned
# table's stay that table's), a trigger on a partition and one on a view
# (t.trigger with table = the partition or the view). schema:inspect
# --format lua writes them; migration:create from those definitions builds
# the same database; hand-written definitions compared with it are spelled by
# the server (nothing to do); a changed view is created again with its
# trigger after it.
. "$(dirname "$0")/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
REF=tide_owned_ref_$$ MIG=tide_owned_mig_$$ HAND=tide_owned_hand_$$
admin() { psql -qAt "$TIDE_TEST_PG_URL" -c "$1" >/dev/null 2>&1; }
trap 'for d in $REF $MIG $HAND; do admin "drop database if exists $d"; done; rm -rf "$work"' EXIT
q() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$base/$1" -c "$2" 2>&1; }
dump() {
  pg_dump --schema-only --no-owner --no-privileges -T 'tide_migrations*' "$base/$1" |
    grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | sed '/^$/d' | sort
}
for d in $REF $MIG $HAND; do admin "drop database if exists $d"; admin "create database $d"; done

psql -q -v ON_ERROR_STOP=1 "$base/$REF" >/dev/null <<'SQL'
create table reading (sensor integer not null, taken date not null, value numeric not null) partition by range (taken);
create index reading_sensor_idx on reading (sensor);
create table reading_2024 partition of reading for values from ('2024-01-01') to ('2025-01-01');
create table reading_2025 partition of reading for values from ('2025-01-01') to ('2026-01-01');
create index reading_2025_taken_idx on reading_2025 (taken) where value > 100;
comment on index reading_2025_taken_idx is 'the high ones';
alter table reading_2024 add constraint reading_2024_value_check check (value >= 0);
create table note (id integer primary key, body text not null);
create view recent_note as select id, body from note;
create function note_insert() returns trigger language plpgsql as $$
begin insert into note values (new.id, new.body); return new; end $$;
create trigger recent_note_insert instead of insert on recent_note for each row execute function note_insert();
create function reading_seen() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger reading_2025_seen after insert on reading_2025 for each statement execute function reading_seen();
SQL

mkdir -p schema migrations
t "schema:inspect --format lua writes a partition's own index, constraint and trigger and a view's trigger, not the copies"
tide --url "$base/$REF" schema:inspect --format lua; expect_rc 0
expect_out 't.partitionIndex "reading_2025_taken_idx" { comment = "the high ones"'
expect_out 't.trigger "recent_note_insert" { table = "recent_note"'
expect_out 't.partitionConstraint "reading_2024_value_check" { table = "reading_2024"'
expect_out 't.trigger "reading_2025_seen" { table = "reading_2025"'
expect_no 'reading_2024_sensor_idx'; expect_no 'reading_2025_sensor_idx'
printf '%s\n' "$stdout" > schema/app.lua

t "migration:create from those definitions builds the same database"
tide --url "$base/$MIG" migration:create --name init; expect_rc 0
tide --url "$base/$MIG" migration:up; expect_rc 0
[ "$(dump $MIG)" = "$(dump $REF)" ] || bad "pg_dump differs: $(diff <(dump $MIG) <(dump $REF) | head -n 12)"
q $MIG "insert into recent_note values (1, 'through the view')" >/dev/null
[ "$(q $MIG "select body from note")" = "through the view" ] || bad "the view's trigger did not write through"
tide --url "$base/$MIG" migration:create --dump; expect_out "no changes"

t "hand-written definitions compared with the live database: nothing to do"
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table "reading" :partitionBy "range (taken)" {
    t.col "sensor" :integer(), t.col "taken" :date(), t.col "value" :numeric(),
    t.index { "sensor" },
  },
  t.partition "reading_2024" { table = "reading", sql = [[for values from ('2024-01-01') to ('2025-01-01')]] },
  t.partition "reading_2025" { table = "reading", sql = [[for values from ('2025-01-01') to ('2026-01-01')]] },
  t.partitionIndex "reading_2025_taken_idx" { comment = "the high ones",
    sql = [[create index reading_2025_taken_idx on reading_2025 (taken) where value > 100]] },
  t.partitionConstraint "reading_2024_value_check" { table = "reading_2024", sql = [[check (value >= 0)]] },
  t.func "reading_seen" [[create function reading_seen() returns trigger language plpgsql as $$ begin return null; end $$]],
  t.trigger "reading_2025_seen" { table = "reading_2025", sql = [[
    create trigger reading_2025_seen after insert on reading_2025 for each statement execute function reading_seen()]] },
  t.table "note" { t.col "id" :integer() :primary(), t.col "body" :text() },
  t.view "recent_note" [[select id, body from note]],
  t.func "note_insert" [[create function note_insert() returns trigger language plpgsql as $$
begin insert into note values (new.id, new.body); return new; end $$]],
  t.trigger "recent_note_insert" { table = "recent_note", sql = [[
    create trigger recent_note_insert instead of insert on recent_note for each row execute function note_insert()]] },
}
LUA
tide --url "$base/$HAND" schema:update --run; expect_rc 0
[ "$(dump $HAND)" = "$(dump $REF)" ] || bad "pg_dump differs: $(diff <(dump $HAND) <(dump $REF) | head -n 12)"
tide --url "$base/$HAND" schema:update; expect_rc 0; expect_out "nothing to do"

t "a changed view is created again, its trigger after it; a dropped partition index is dropped"
sed -i 's/\[\[select id, body from note\]\]/[[select id, body, length(body) as size from note]]/' schema/app.lua
sed -i '/t.partitionIndex/,/where value > 100/d' schema/app.lua
tide --url "$base/$HAND" schema:update; expect_rc 0
expect_out 'drop index "reading_2025_taken_idx"'
case "$out" in *'drop view "recent_note"'*'create view "recent_note"'*'create trigger recent_note_insert'*) ;;
  *) bad "the view's trigger is not created again after the view" ;; esac
tide --url "$base/$HAND" schema:update --run; expect_rc 0
tide --url "$base/$HAND" schema:update; expect_rc 0; expect_out "nothing to do"
q $HAND "insert into recent_note values (2, 'again')" >/dev/null
[ "$(q $HAND "select count(*) from note")" = 1 ] || bad "the view's trigger is gone"
finish
