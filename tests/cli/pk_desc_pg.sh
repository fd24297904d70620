# A primary key column sorted DESC (SQLite's PRIMARY KEY (a, b DESC), a
# column's :primary { desc = true }) has no PostgreSQL spelling: a key's
# index ascends. Definitions saying it are refused on PostgreSQL by name,
# table and column, nothing created; the same definitions without the order
# are made. Uses TIDE_TEST_PG_URL (the test cluster).
. "$(dirname "$0")/lib.sh"
PG_DB_PREFIX=pkdesc
. "$(dirname "$0")/pg_db.inc"
fresh_db
mkdir -p schema

t "t.primary { \"a\", \"b desc\" } is refused on PostgreSQL, naming the table and the column"
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table "plain" { t.col "id" :integer() :primary() },
  t.table "revision" { t.col "page" :text(), t.col "rev" :integer(), t.primary { "page", "rev desc" } },
}
LUA
tide --url "$URL" schema:create --run
expect_rc 1
expect_out "table revision: primary key column rev sorts DESC, which a PostgreSQL key cannot say"
expect_out "remove desc from the key"
[ "$(q "select count(*) from pg_tables where schemaname = 'public'")" = 0 ] ||
  { out=$(q "select tablename from pg_tables where schemaname = 'public'"); bad "a table was created"; }

t "so is :primary { desc = true }, and migration:create writes nothing"
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return { t.table "log" { t.col "csn" :integer() :primary { desc = true }, t.col "payload" :text() } }
LUA
tide --url "$URL" migration:create --name init
expect_rc 1
expect_out "table log: primary key column csn sorts DESC"
[ -z "$(ls migrations 2>/dev/null)" ] || { out=$(ls migrations); bad "a migration was written"; }

t "without the order the same key is made"
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return { t.table "revision" { t.col "page" :text(), t.col "rev" :integer(), t.primary { "page", "rev" } } }
LUA
tide --url "$URL" schema:create --run
expect_rc 0
[ "$(q "select pg_get_constraintdef(oid) from pg_constraint where conname = 'revision_pkey'")" = "PRIMARY KEY (page, rev)" ] ||
  bad "revision_pkey is not PRIMARY KEY (page, rev)"
finish
