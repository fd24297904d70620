# migrations.columnOrder and --column-order (issue 13) on a real server
# (TIDE_TEST_PG_URL): by default a column the definitions put mid-table
# goes last; "rebuild" (the configuration, or the flag, which wins) makes
# the table again in the definitions' order. A wrong value is refused by
# name. The rebuild keeps what tide does not model: the table's owner and
# its grants, of the table and of its columns (roles made for the test),
# and migration:lint flags it as a rewrite under an ACCESS EXCLUSIVE lock.
. "$(dirname "$0")/lib.sh"
: "${TIDE_TEST_PG_URL:?TIDE_TEST_PG_URL must name the test cluster}"
base=${TIDE_TEST_PG_URL%/*}
DB=tide_colorder_$$ URL=$base/tide_colorder_$$
OWNER=tide_colorder_owner_$$ READER=tide_colorder_reader_$$
admin() { psql -qAt "$TIDE_TEST_PG_URL" -c "$1" >/dev/null 2>&1; }
cleanup() {
  admin "drop database if exists $DB with (force)"; admin "drop database if exists ${DB}_ns with (force)"
  admin "drop role if exists $READER"; admin "drop role if exists $OWNER"
  rm -rf "$work"
}
trap cleanup EXIT
q() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$URL" -c "$1"; }
admin "drop database if exists $DB"; admin "create database $DB"
admin "create role $OWNER"; admin "create role $READER"
mkdir -p schema
cols() { q "select string_agg(attname, ',' order by attnum) from pg_attribute where attrelid = '$1'::regclass and attnum > 0 and not attisdropped"; }

cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table "item" {
    t.col "id"   :integer() :identity "always" :primary(),
    t.col "name" :text(),
    t.col "note" :text() :nullable(),
  },
}
LUA
v2() { sed -i 's/    t.col "name" :text(),/    t.col "name" :text(),\n    t.col "qty"  :integer() :default "1",/' schema/app.lua; }

t "the first migration, rows, an owner and grants"
tide --url "$URL" migration:create --name v1; expect_rc 0
tide --url "$URL" migration:up; expect_rc 0
q "insert into item (name) values ('a'), ('b'), ('c')" >/dev/null
q "alter table item owner to $OWNER; grant select, insert on item to $READER with grant option; grant update (note) on item to $READER; grant select on item to public" >/dev/null
acl0=$(q "select relacl from pg_class where oid = 'item'::regclass")
colacl0=$(q "select attname || '=' || attacl::text from pg_attribute where attrelid = 'item'::regclass and attacl is not null")
[ -n "$acl0" ] && [ -n "$colacl0" ] || bad "the grants were not made: '$acl0' '$colacl0'"

t "by default a column put mid-table goes last"
v2
tide --url "$URL" migration:create --dump; expect_rc 0
expect_out 'alter table "item" add column "qty"'; expect_no "rename to"
tide --url "$URL" schema:update --column-order append; expect_rc 0
expect_out 'add column "qty"'; expect_no "rename to"

t "a wrong value is refused by name: the flag and the configuration"
tide --url "$URL" schema:update --column-order sideways; expect_rc 2
expect_out "--column-order takes append"; expect_out "not 'sideways'"
tide --url "$URL" schema:diff --from "$URL" --to definitions --column-order last; expect_rc 2
tide --url "$URL" migration:create --dump --column-order ""; expect_rc 2
echo 'return { migrations = { columnOrder = "sideways" } }' > tide.lua
tide --url "$URL" migration:create --dump; [ "$rc" != 0 ] || bad "a wrong migrations.columnOrder was taken"
expect_out "'migrations.columnOrder' must be \"append\""; expect_out '"rebuild"'
echo 'return { migrations = { columnOrder = 2 } }' > tide.lua
tide --url "$URL" schema:update; [ "$rc" != 0 ] || bad "a number as migrations.columnOrder was taken"
expect_out "'migrations.columnOrder' must be"

t "columnOrder = rebuild in the configuration; the flag wins over it"
echo 'return { migrations = { columnOrder = "rebuild" } }' > tide.lua
tide --url "$URL" schema:update; expect_rc 0
expect_out 'rename to "item_tide_old"'; expect_out "overriding system value"
tide --url "$URL" schema:update --column-order append; expect_rc 0
expect_no "rename to"
tide --url "$URL" schema:diff --from "$URL" --to definitions; expect_rc 0
expect_out 'rename to "item_tide_old"'
tide --url "$URL" migration:create --dump --column-order append; expect_rc 0
expect_out 'add column "qty"'; expect_no "rename to"

t "migration:create with rebuild: the change list, lint, up keeps rows, owner and grants"
rm tide.lua
tide --url "$URL" migration:create --name v2 --column-order rebuild; expect_rc 0
mig=$(ls migrations/*_v2.lua)
grep -qF "add column item.qty (table rebuilt to place it: columnOrder = rebuild)" "$mig" || { out=$(head -20 "$mig"); bad "the change list does not say the table is rebuilt"; }
grep -qF "rebuild table item" "$mig" || bad "the change list lacks the rebuild"
tide --url "$URL" migration:lint; expect_out "table-rebuild"; expect_out "rebuilding item to place its columns"
expect_out "ACCESS EXCLUSIVE"; expect_no "table-dropped"; expect_no "table-renamed"
tide --url "$URL" migration:up; expect_rc 0
[ "$(cols item)" = "id,name,qty,note" ] || bad "item's columns after up: $(cols item)"
[ "$(q "select string_agg(id || ':' || name || ':' || qty, ',' order by id) from item")" = "1:a:1,2:b:1,3:c:1" ] || bad "rows after up: $(q "select * from item")"
[ "$(q "select pg_get_userbyid(relowner) from pg_class where oid = 'item'::regclass")" = "$OWNER" ] || bad "the owner was not kept"
[ "$(q "select relacl from pg_class where oid = 'item'::regclass")" = "$acl0" ] || bad "table grants: $(q "select relacl from pg_class where oid = 'item'::regclass") (was $acl0)"
[ "$(q "select attname || '=' || attacl::text from pg_attribute where attrelid = 'item'::regclass and attacl is not null")" = "$colacl0" ] || bad "column grants not kept"
[ "$(q "insert into item (name) values ('d') returning id")" = 4 ] || bad "the identity did not go on from 3"
[ "$(q "select count(*) from pg_class where relname like 'item_tide_old%'")" = 0 ] || bad "the old table or its sequence was left"
tide --url "$URL" schema:drift; expect_rc 0

t "down rebuilds nothing (a dropped column leaves the order right), grants kept"
tide --url "$URL" migration:down; expect_rc 0
[ "$(cols item)" = "id,name,note" ] || bad "item's columns after down: $(cols item)"
[ "$(q "select relacl from pg_class where oid = 'item'::regclass")" = "$acl0" ] || bad "table grants after down"

t "drift with columnOrder = rebuild sees a column out of place"
tide --url "$URL" migration:up; expect_rc 0
q "alter table item drop column qty; alter table item add column qty integer not null default 1" >/dev/null
tide --url "$URL" schema:drift; expect_rc 0          # append: the order is no drift
echo 'return { migrations = { columnOrder = "rebuild" } }' > tide.lua
tide --url "$URL" schema:drift; expect_rc 1; expect_out "rebuild table item"
tide --url "$URL" schema:update --run; expect_rc 0
[ "$(cols item)" = "id,name,qty,note" ] || bad "schema:update --run did not put qty back in place: $(cols item)"
[ "$(q "select relacl from pg_class where oid = 'item'::regclass")" = "$acl0" ] || bad "table grants after schema:update"
tide --url "$URL" schema:drift; expect_rc 0

t "safe mode keeps a column the definitions dropped: no rebuild (it would lose it), said by name"
sed -i 's/    t.col "note" :text() :nullable(),/    t.col "memo" :text() :nullable(),/' schema/app.lua
sed -i 's/    t.col "name" :text(),/    t.col "name" :text(),\n    t.col "flag" :boolean() :nullable(),/' schema/app.lua
tide --url "$URL" schema:update --safe; expect_rc 0
expect_out "table item is not rebuilt"; expect_out "safe mode"; expect_no "rename to"
tide --url "$URL" schema:update; expect_rc 0
expect_out 'rename to "item_tide_old"'; expect_out 'drop column "note"'

t "migration:lint of a rebuild in a namespace: the rebuild, not a rename nor a column added"
admin "drop database if exists ${DB}_ns"; admin "create database ${DB}_ns"
mkdir -p ns/schema && cd ns || bad "no folder"
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.schema "s",
  t.table "s.Box" {
    t.col "id"    :integer() :primary(),
    t.col "email" :text(),
  },
}
LUA
tide --url "$base/${DB}_ns" migration:create --name v1; expect_rc 0
tide --url "$base/${DB}_ns" migration:up; expect_rc 0
sed -i 's/    t.col "id"    :integer() :primary(),/    t.col "id"    :integer() :primary(),\n    t.col "w"     :integer() :nullable(),/' schema/app.lua
tide --url "$base/${DB}_ns" migration:create --name v2 --column-order rebuild; expect_rc 0
tide --url "$base/${DB}_ns" migration:lint; expect_out "table-rebuild"; expect_out "rebuilding s.Box"
expect_no "table-renamed"; expect_no "not-null-without-default"; expect_no "table-dropped"
tide --url "$base/${DB}_ns" migration:up; expect_rc 0
cd ..
finish
