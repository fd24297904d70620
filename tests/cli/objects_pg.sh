# Objects beside tables on PostgreSQL through the commands that read the
# whole live database: migration:fresh drops views, triggers, functions and
# sequences a migration made before the tables under them, and migrates
# again; a database diffed from empty gets every object. Uses
# TIDE_TEST_PG_URL.
. "$(dirname "$0")/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
DB=tide_objects_$$ URL=$base/tide_objects_$$
admin() { psql -qAt "$TIDE_TEST_PG_URL" -c "$1" >/dev/null 2>&1; }
trap 'admin "drop database if exists $DB"; rm -rf "$work"' EXIT
q() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$URL" -c "$1"; }
admin "drop database if exists $DB"; admin "create database $DB"

mkdir -p migrations
cat > migrations/Migration20260101000000_init.sql <<'SQL'
-- tide:up
create sequence ticket_no start with 500;
create table ticket (id bigint primary key default nextval('ticket_no'), title text not null,
                     updated_at timestamptz);
create function touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;
create trigger ticket_touch before update on ticket for each row execute function touch();
create view open_ticket as select id, title from ticket;
create materialized view ticket_count as select count(*) as n from ticket;
-- tide:down
drop materialized view ticket_count; drop view open_ticket; drop table ticket;
drop function touch(); drop sequence ticket_no;
SQL

t "migration:fresh with views, a trigger, a function and a sequence on migrated tables"
tide --url "$URL" migration:up; expect_rc 0
q "insert into ticket (title) values ('a')" >/dev/null
tide --url "$URL" migration:fresh; expect_rc 0
[ "$(q "select count(*) from ticket")" = 0 ] || bad "the rows survived migration:fresh"
[ "$(q "select count(*) from open_ticket")" = 0 ] || bad "the view is missing after migration:fresh"
[ "$(q "select nextval('ticket_no')")" = 500 ] || bad "the sequence was not created again"

t "schema:diff from an empty database to the migrated one re-creates every object"
admin "drop database if exists ${DB}_copy"; admin "create database ${DB}_copy"
tide --url "$base/${DB}_copy" schema:diff --from "$base/${DB}_copy" --to "$URL" --run; expect_rc 0
tide --url "$base/${DB}_copy" schema:diff --from "$base/${DB}_copy" --to "$URL"; expect_rc 0
expect_out "nothing to do"
admin "drop database if exists ${DB}_copy"

t "a view's options (with =): a materialized view takes storage parameters, not security_barrier (refused by name, nothing written)"
mkdir -p mv/schema
cat > mv/schema/app.lua <<'LUA'
local t = require "tide.schema"
return { t.table "item" { t.col "id" :integer() :primary() },
         t.materializedView "item_ids" { with = "security_barrier=true", sql = [[select id from item]] } }
LUA
(cd mv && "$TIDE_BIN" --url "$URL" migration:create --name x) > mv.out 2>&1; rc=$?; out=$(cat mv.out)
expect_rc 1; expect_out "materialized view item_ids: security_barrier is an option of views"
[ ! -e mv/migrations ] || [ -z "$(ls mv/migrations)" ] || bad "a migration was written"
sed -i 's/security_barrier=true/fillfactor=70/' mv/schema/app.lua
(cd mv && "$TIDE_BIN" --url "$URL" schema:create --dump) > mv.out 2>&1; rc=$?; out=$(cat mv.out)
expect_rc 0; expect_out 'create materialized view "item_ids" with (fillfactor=70) as'
finish
