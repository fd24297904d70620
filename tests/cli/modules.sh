# Medusa's db:* commands over two modules (blog, shop) on SQLite: each module
# has its own schema and migrations folders and snapshot, and shares the
# tracking table (rows keyed by module). modules_pg.sh runs the same cases
# on PostgreSQL by defining fresh_db, q and has_table first.
if [ -z "${MODULES_BACKEND:-}" ]; then
  . "$(dirname "$0")/lib.sh"
  fresh_db() { URL="sqlite:$work/app.sqlite"; rm -f "${URL#sqlite:}"; }
  q() { sqlite3 -separator '|' "${URL#sqlite:}" "$1"; }
  has_table() { q "select count(*) from sqlite_master where type = 'table' and name = '$1'"; }
fi
expect_q() { local got; got=$(q "$1" 2>&1); [ "$got" = "$2" ] || bad "query '$1' gave '$got', expected '$2'"; }
t_() { tide --url "$URL" "$@"; }
count() { local d=$1 p=$2; set -- "$d"/$p; [ -e "$1" ] && echo $# || echo 0; }
expect_count() { local got; got=$(count "$1" "$2"); [ "$got" = "$3" ] || bad "$1/$2: $got files, expected $3"; }

fresh_db
cat > tide.lua <<'LUA'
return {
  modules = {
    blog = { schema = "modules/blog/schema", migrations = { path = "modules/blog/migrations" } },
    shop = { schema = "modules/shop/schema", migrations = { path = "modules/shop/migrations" } },
  },
}
LUA
mkdir -p modules/blog/schema modules/shop/schema
cat > modules/blog/schema/blog.lua <<'LUA'
local t = require "tide.schema"
return t.table "post" { t.col "id" :serial() :primary(), t.col "title" :varchar(100) }
LUA
cat > modules/shop/schema/shop.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table "product" { t.col "id" :serial() :primary(), t.col "name" :varchar(100) },
  t.table "price" { t.col "id" :serial() :primary(), t.col "cents" :integer() },
}
LUA

t "db:generate blog shop writes one migration and one snapshot per module"
t_ db:generate blog shop; expect_rc 0
expect_out "blog: Created modules/blog/migrations/Migration"
expect_out "shop: Created modules/shop/migrations/Migration"
expect_count modules/blog/migrations 'Migration*.lua' 1
expect_count modules/shop/migrations 'Migration*.lua' 1
expect_count modules/blog/migrations '.snapshot-*.json' 1
expect_count modules/shop/migrations '.snapshot-*.json' 1
grep -q '"product"' modules/blog/migrations/Migration*.lua && bad "blog's migration mentions shop's table"
grep -q '"post"' modules/shop/migrations/Migration*.lua && bad "shop's migration mentions blog's table"
[ -e migrations ] && bad "a project migrations folder was made"

t "db:generate again: no changes, no files"
t_ db:generate blog shop; expect_rc 0
expect_out "blog: no changes"; expect_out "shop: no changes"
expect_count modules/blog/migrations 'Migration*.lua' 1
expect_count modules/shop/migrations 'Migration*.lua' 1

t "db:migrate applies every module; the tracking table has rows for both"
t_ db:migrate; expect_rc 0
expect_out "blog: 1 migration applied"; expect_out "shop: 1 migration applied"
expect_q "select module, count(*) from tide_migrations group by module order by module" $'blog|1\nshop|1'
printf '%s\n' "$stdout" | grep -q '^== blog: Migration[0-9_a-z]*: migrated' || bad "a blog migration's line does not name blog"
printf '%s\n' "$stdout" | grep -q '^== shop: Migration[0-9_a-z]*: migrating' || bad "a shop migration's line does not name shop"
[ "$(has_table post)" = 1 ] || bad "no table post"
[ "$(has_table product)" = 1 ] || bad "no table product"
[ "$(has_table price)" = 1 ] || bad "no table price"
q "insert into product (name) values ('lamp')" >/dev/null

t "db:migrate again: every module is up to date"
t_ db:migrate; expect_rc 0
expect_out "blog: up to date"; expect_out "shop: up to date"

t "changing only blog: db:generate blog shop writes blog's migration only"
sleep 1    # migration names carry the second
cat > modules/blog/schema/blog.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table "post" { t.col "id" :serial() :primary(), t.col "title" :varchar(100), t.col "body" :text() :nullable() },
  t.table "tag" { t.col "id" :serial() :primary(), t.col "label" :varchar(40) },
}
LUA
t_ db:generate blog shop; expect_rc 0
expect_out "blog: Created"; expect_out "shop: no changes"
expect_count modules/blog/migrations 'Migration*.lua' 2
expect_count modules/shop/migrations 'Migration*.lua' 1
grep -l -E '"(product|price)"' modules/blog/migrations/Migration*.lua >/dev/null && bad "blog's diff touches shop's tables"

t "migrating blog's change never drops shop's tables"
t_ db:migrate; expect_rc 0
expect_out "blog: 1 migration applied"; expect_out "shop: up to date"
[ "$(has_table product)" = 1 ] || bad "product was dropped"
[ "$(has_table price)" = 1 ] || bad "price was dropped"
[ "$(has_table tag)" = 1 ] || bad "no table tag"
expect_q "select name from product" "lamp"
expect_q "select module, count(*) from tide_migrations group by module order by module" $'blog|2\nshop|1'

t "--module blog migration:list lists only blog's migrations"
t_ --module blog migration:list; expect_rc 0
blog2=$(basename "$(ls modules/blog/migrations/Migration*.lua | tail -n 1)" .lua)
expect_out "$blog2"
t_ --json --module blog migration:list; expect_rc 0
expect_out '"module": "blog"'; expect_no '"module": "shop"'
t_ --json --module shop migration:list; expect_rc 0
expect_out '"module": "shop"'; expect_no '"module": "blog"'; expect_no "$blog2"

t "db:rollback blog reverts only blog's last migration"
t_ db:rollback blog; expect_rc 0
expect_out "blog: reverted $blog2"
expect_q "select module, count(*) from tide_migrations group by module order by module" $'blog|1\nshop|1'
[ "$(has_table tag)" = 0 ] || bad "tag is still there"
[ "$(has_table post)" = 1 ] || bad "post is gone"
[ "$(has_table product)" = 1 ] || bad "product is gone"
expect_q "select name from product" "lamp"

t "db:migrate --module blog migrates that module only"
t_ --module blog db:migrate; expect_rc 0
expect_out "blog: 1 migration applied"; expect_no "shop:"
[ "$(has_table tag)" = 1 ] || bad "no table tag"

t "db:generate with an unknown module fails, naming the known ones"
t_ db:generate blog nope; expect_rc 1
expect_out "unknown module 'nope'"; expect_out "blog, shop"
expect_no "blog: Created"; expect_no "blog: no changes"

t "db:rollback and db:generate without a module are usage errors"
t_ db:rollback; expect_rc 2; expect_out "usage: tide db:rollback MODULE..."
t_ db:generate; expect_rc 2
t_ db:rollback nope; expect_rc 1; expect_out "unknown module 'nope'"

t "--json db:generate reports each module"
t_ --json db:generate shop; expect_rc 0
expect_out '"module": "shop"'; expect_out '"changes": false'

t "modules given as a list run in the list's order"
fresh_db
cat > tide.lua <<'LUA'
return {
  modules = {
    { name = "shop", schema = "modules/shop/schema", migrations = { path = "modules/shop/migrations" } },
    { name = "blog", schema = "modules/blog/schema", migrations = { path = "modules/blog/migrations" } },
  },
}
LUA
t_ db:migrate; expect_rc 0
order=$(printf '%s\n' "$out" | grep -o '^[a-z]*: [0-9]* migrations\? applied' | cut -d: -f1 | tr '\n' ' ')
[ "$order" = "shop blog " ] || bad "modules ran in the order '$order', expected 'shop blog '"
expect_q "select module, count(*) from tide_migrations group by module order by module" $'blog|2\nshop|1'

t "a modules list: entries need a name, once; a map and a list do not mix"
for cfg in \
  '{ { schema = "s" } }|modules[1] has no name' \
  '{ { name = "a" }, { name = "a" } }|module '"'"'a'"'"' is listed twice' \
  '{ { name = "a" }, b = {} }|either a list of modules' \
  '{ "a" }|modules[1] must be a table' \
  '{ blog = { name = "shop" } }|module '"'"'blog'"'"' says name = '"'"'shop'"'"''; do
  printf 'return { modules = %s }\n' "${cfg%%|*}" > tide.lua
  t_ db:migrate; expect_rc 1; expect_out "${cfg#*|}"
done

finish
