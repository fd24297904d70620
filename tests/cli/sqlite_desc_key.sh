# Key columns sorted DESC, carried: a wiki bot's "version_id INTEGER PRIMARY
# KEY DESC ... WITHOUT ROWID", PRIMARY KEY (a, b DESC) of WITHOUT ROWID and
# rowid tables, and INTEGER PRIMARY KEY DESC on a rowid table, which SQLite
# does not make the rowid (its key is an index of its own, its column may
# hold NULL). inspect -> schema:inspect --format lua -> a second database
# built from those definitions gives the same catalog as SQLite reports it,
# rows and all; the DSL's spellings of the order, and what it refuses.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/sqlite_db.inc"
. "$here/inspect_roundtrip.inc"
db="$work/bot.sqlite"
sqlite3 -bail "$db" "
create table contribution (version_id integer primary key desc, document_id integer, written_at char(32)) without rowid;
create table pair (a text, b integer, primary key (a, b desc)) without rowid;
create table log (csn integer primary key desc, payload blob);
create table score (player text, round integer, points integer, primary key (player, round desc));
create table plain (id integer primary key, name text);
create table table_key (id integer, name text, primary key (id desc));
create table asc_key (k text primary key asc, v text) without rowid;
insert into log values (5, 'five'), (null, 'no key');" || exit 1

t "schema:inspect --format lua says each key's order, and notes nothing"
tide --url "sqlite:$db" schema:inspect --format lua
expect_rc 0
expect_out 't.col "version_id"  :type "INTEGER" :primary { desc = true },'
expect_out 't.col "csn"     :type "INTEGER" :nullable() :primary { desc = true },'
expect_out 't.primary { "a", "b desc" },'
expect_out 't.primary { "player", "round desc" },'
expect_no "does not carry"
expect_no "DESC order"
lua=$stdout

# the rowid (plain), and PRIMARY KEY (id DESC) of the table, which SQLite
# makes the rowid too: no order, no index, written as the rowid
printf '%s\n' "$lua" | grep -F 't.col "id"   :type "INTEGER" :primary(),' | grep -qc . ||
  { out=$lua; bad "a rowid key is not written :primary()"; }
[ "$(printf '%s\n' "$lua" | grep -c 'desc')" = 4 ] || { out=$lua; bad "desc is said other than 4 times"; }

mkdir -p "$work/p" && cd "$work/p" || exit 1
stdout=$lua
round_trip "sqlite:$db" "sqlite:$work/built.sqlite" '"desc"'

t "the catalogs are the same, as SQLite reports them (PRAGMA index_xinfo's desc and all)"
a=$(URL="sqlite:$db" catalog 2>&1)
b=$(URL="sqlite:$work/built.sqlite" catalog 2>&1 | grep -v tide_migrations)   # the runner's own table
[ "$a" = "$b" ] || { out=$(diff -u <(printf '%s\n' "$a") <(printf '%s\n' "$b")); bad "the catalogs differ"; }
sqlite3 "$work/built.sqlite" "insert into log values (null, 'null key'), (7, 'seven');" 2>&1
got=$(sqlite3 "$work/built.sqlite" "select count(*) from log where csn is null")
[ "$got" = 1 ] || { out=$got; bad "log.csn is the rowid: a NULL key was numbered"; }

t "the DSL: \"b DESC\" entries, desc = { ... }, :primary { onConflict =, desc = true }"
cd "$work" && rm -rf q && mkdir -p q/schema && cd q || exit 1
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table "a" { t.col "x" :text(), t.col "y" :integer(), t.primary { "x", "y DESC" } },
  t.table "b" :withoutRowid() { t.col "x" :text(), t.col "y" :integer(), t.primary { "x", "y", desc = { "x" } } },
  t.table "c" { t.col "id" :type "INTEGER" :primary { onConflict = "replace", desc = true }, t.col "v" :text() },
  t.table "d" { t.col "my col" :text(), t.primary { "my col" } },
}
LUA
tide --url "sqlite:$work/q.sqlite" schema:create --dump
expect_rc 0
expect_out 'constraint "a_pkey" primary key ("x", "y" desc)'
expect_out 'constraint "b_pkey" primary key ("x" desc, "y")'
expect_out '"id" INTEGER not null primary key desc on conflict replace,'
expect_out 'constraint "d_pkey" primary key ("my col")'
tide --url "sqlite:$work/q.sqlite" schema:create --run
expect_rc 0
tide --url "sqlite:$work/q.sqlite" schema:update --dump
expect_rc 0
expect_out "nothing to do"
tide --url "sqlite:$work/q.sqlite" schema:inspect --format lua
expect_out 't.primary { "x", "y desc" },'
expect_out 't.primary { "x desc", "y" },'
expect_out ':primary { onConflict = "replace", desc = true },'

t "the DSL refuses a desc that is not a key column, and AUTOINCREMENT on a DESC key"
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return { t.table "a" { t.col "x" :text(), t.col "y" :integer(), t.primary { "x", desc = { "y" } } } }
LUA
tide --url "sqlite:$work/r.sqlite" schema:create --dump
expect_rc 1
expect_out "t.primary: desc names 'y', which is not one of the key's columns"
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return { t.table "a" { t.col "id" :serial() :primary { desc = true } } }
LUA
tide --url "sqlite:$work/r.sqlite" schema:create --dump
expect_rc 1
expect_out "AUTOINCREMENT needs the rowid"
finish
