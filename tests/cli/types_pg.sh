# Extensions, domains, composite types, partitions and inheritance on PostgreSQL through the
# definitions (TIDE_TEST_PG_URL): t.extension, t.domain and
# t.compositeType create them before the tables that use them; hand-written
# SQL compared with the live database is spelled by the server (no perpetual
# diff); a changed domain is altered in place under a column that uses it;
# schema:inspect --format lua writes them back and those definitions build
# the same database; migration:fresh drops them; a bad definition names the
# object.
. "$(dirname "$0")/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
A=tide_types_a_$$ B=tide_types_b_$$
admin() { psql -qAt "$TIDE_TEST_PG_URL" -c "$1" >/dev/null 2>&1; }
trap 'admin "drop database if exists $A"; admin "drop database if exists $B"; rm -rf "$work"' EXIT
q() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$base/$1" -c "$2" 2>&1; }
dump() {
  pg_dump --schema-only --no-owner --no-privileges "$base/$1" |
    grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | sed '/^$/d' | sort
}
for d in $A $B; do admin "drop database if exists $d"; admin "create database $d"; done

mkdir -p schema
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.extension "citext" [[schema public]],
  t.domain "positive_int" { sql = [[INTEGER NOT NULL CHECK (VALUE > 0)]], comment = "more than zero" },
  t.domain "email" [[citext check (value like '%@%')]],
  t.compositeType "priced" [[amount numeric(12,2), currency char(3)]],
  t.compositeType "order_line" [[qty integer, price priced]],
  t.table "orders" {
    t.col "id" :integer() :primary(),
    t.col "buyer" :type "email",
    t.col "qty" :type "positive_int",
    t.col "first_line" :type "order_line" :nullable(),
    t.index { "buyer", comment = "who bought" },
  },
  t.table "visit" :partitionBy "list (zone)" {
    t.col "id" :integer(),
    t.col "zone" :text(),
    t.primary { "id", "zone" },
  },
  t.table "old_orders" :inherits "orders" {
    t.col "archived_at" :timestamptz() :default "now()",
    t.primary { "id" },
  },
  t.partition "visit_eu" { table = "visit", sql = [[for values in ('eu')]], comment = "Europe" },
  t.partition "visit_rest" { table = "visit", sql = [[default]] },
}
LUA

t "schema:create --run makes the extension, the domains and the types before the table"
tide --url "$base/$A" schema:create --run; expect_rc 0
q $A "insert into orders values (1, 'Ann@x.org', 2, row(2, row(9.50, 'EUR')))" >/dev/null || bad "the insert failed"
[ "$(q $A "select id from orders where buyer = 'ann@X.ORG'")" = 1 ] || bad "the email column is not citext"
out=$(q $A "insert into orders values (2, 'b@x.org', 0, null)")
case "$out" in *positive_int_check*) ;; *) bad "the domain's check did not refuse 0: $out" ;; esac
[ "$(q $A "select obj_description('positive_int'::regtype, 'pg_type')")" = "more than zero" ] || bad "the domain's comment is missing"

t "hand-written definitions compared with the live database: nothing to do"
tide --url "$base/$A" schema:update; expect_rc 0; expect_out "nothing to do"

t "a changed domain is altered in place under its column; a new attribute is added"
sed -i 's/INTEGER NOT NULL CHECK (VALUE > 0)/integer not null default 1 check (value > 0) constraint positive_int_small check (value < 100)/' schema/app.lua
sed -i 's/currency char(3)\]\]/currency char(3), rate real]]/' schema/app.lua
tide --url "$base/$A" schema:update; expect_rc 0
expect_out 'alter domain "positive_int" set default 1'
expect_out 'alter domain "positive_int" add constraint positive_int_small'
expect_out 'alter type "priced" add attribute rate real;'
expect_no 'drop domain'
tide --url "$base/$A" schema:update --run; expect_rc 0
tide --url "$base/$A" schema:update; expect_rc 0; expect_out "nothing to do"
[ "$(q $A "select qty from orders")" = 2 ] || bad "the row was lost"

t "schema:inspect --format lua writes them; those definitions build the same database"
tide --url "$base/$A" schema:inspect --format lua; expect_rc 0
expect_out 'comment = "who bought"'; expect_out ':inherits { "orders" }'; expect_out ':partitionBy "list (zone)"'; expect_out 't.partition "visit_eu"'
expect_out 't.extension "citext"'; expect_out 't.domain "positive_int"'; expect_out 't.compositeType "priced"'
mkdir -p back/schema; printf '%s\n' "$out" > back/schema/app.lua
(cd back && tide --url "$base/$B" schema:create --run); expect_rc 0
[ "$(dump $A)" = "$(dump $B)" ] || bad "pg_dump differs: $(diff <(dump $A) <(dump $B) | head -n 12)"

t "an extension's definition that is not a namespace is refused, naming it"
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return { t.extension "citext" [[version 1.6]], t.table "x" { t.col "id" :integer() :primary() } }
LUA
tide --url "$base/$A" schema:update; [ "$rc" != 0 ] || bad "a bad extension definition was accepted"
expect_out "extension citext: its definition is the namespace it lives in"

t "migration:fresh drops domains, types and extensions and migrates again"
admin "drop database if exists $B"; admin "create database $B"
rm -rf schema; mkdir -p migrations
cat > migrations/Migration20260101000000_init.sql <<'SQL'
-- tide:up
create extension if not exists hstore;
create domain short_text as varchar(10) check (length(value) > 0);
create type pair as (a short_text, b hstore);
create table thing (id integer primary key, name short_text, p pair);
-- tide:down
drop table thing; drop type pair; drop domain short_text; drop extension hstore;
SQL
tide --url "$base/$B" migration:up; expect_rc 0
q $B "insert into thing values (1, 'x', row('y', 'k=>v'))" >/dev/null
tide --url "$base/$B" migration:fresh; expect_rc 0
[ "$(q $B "select count(*) from thing")" = 0 ] || bad "the rows survived migration:fresh"
[ "$(q $B "select count(*) from pg_type where typname in ('short_text', 'pair')")" = 2 ] || bad "the types were not created again"
finish
