# migration:create, migration:check and schema:drift end to end on SQLite
# (cases in generate_cases.inc), SQLite's table rebuilds included.
. "$(dirname "$0")/lib.sh"
n=0
fresh_db() { n=$((n + 1)); URL="sqlite:$work/db$n.sqlite"; }
UNREACHABLE_URL="sqlite:$work/no-such-folder/db.sqlite"
q() { sqlite3 -separator '|' "${URL#sqlite:}" "$1"; }
expect_q() { local got; got=$(q "$1" 2>&1); [ "$got" = "$2" ] || bad "query '$1' gave '$got', expected '$2'"; }
. "$(dirname "$0")/generate_cases.inc"
gen_cases

t "a trigger on a table SQLite rebuilds is created again, and still fires"
rm -rf schema migrations; fresh_db
schema <<'LUA'
local t = require "tide.schema"
return {
  t.table "audit" { t.col "id" :serial() :primary(), t.col "what" :text() },
  t.table "item" { t.col "id" :serial() :primary(), t.col "name" :varchar(50) },
}
LUA
t_ migration:create --name init >/dev/null; t_ migration:up >/dev/null
q "create trigger item_audit after insert on item begin insert into audit (what) values (new.name); end" >/dev/null
q "insert into item (name) values ('first')" >/dev/null
sed -i 's/varchar(50)/varchar(100)/' schema/app.lua
t_ migration:create --name wider; expect_rc 0
grep -q "local triggers1 = m:execute" migrations/Migration*_wider.lua || bad "the rebuild does not keep triggers"
t_ migration:up; expect_rc 0
expect_q "select count(*) from sqlite_master where type = 'trigger' and name = 'item_audit'" "1"
q "insert into item (name) values ('second')" >/dev/null
expect_q "select what from audit order by id" $'first\nsecond'
expect_q "select name from item order by id" $'first\nsecond'
t_ migration:down; expect_rc 0
expect_q "select count(*) from sqlite_master where type = 'trigger' and name = 'item_audit'" "1"
sed -i 's/varchar(100)/varchar(150)/' schema/app.lua
t_ migration:create --dump; expect_rc 0; expect_out "(the triggers of item are read before its rebuild)"

t "--initial adopts a database that already has the schema, and marks it executed"
rm -rf schema migrations; fresh_db
q 'create table "book" ("id" integer not null constraint "book_pkey" primary key autoincrement, "title" varchar(200) not null)' >/dev/null
q "insert into book (title) values ('Dune')" >/dev/null
schema <<'LUA'
local t = require "tide.schema"
return t.table "book" { t.col "id" :serial() :primary(), t.col "title" :varchar(200) }
LUA
t_ migration:create --initial --name baseline; expect_rc 0; expect_out "marked executed"
t_ migration:pending; expect_out "No pending migrations."
t_ migration:list; expect_out "_baseline"
t_ schema:drift; expect_rc 0
expect_q "select title from book" "Dune"
t_ migration:create --initial; expect_rc 1; expect_out "there is a snapshot already"

t "on a terminal, a likely rename is asked about; yes makes it a rename"
sed -i 's/"title"/"name"/' schema/app.lua
printf 'y\n' | script -qec "$TIDE_BIN --url $URL migration:create --name renamed" /dev/null > tty.out 2>&1
grep -q "Was column of book 'title' renamed to 'name'?" tty.out || bad "no question asked: $(cat tty.out)"
grep -q 'rename column "title" to "name"' migrations/Migration*_renamed.lua || bad "not a rename"
t_ migration:up; expect_rc 0
expect_q "select name from book" "Dune"

t "without a terminal, a likely rename is a warning naming the hint, never silent"
sed -i 's/"name"/"label"/' schema/app.lua
t_ migration:create --dump; expect_rc 0
expect_out "add :renamedFrom \"name\" to 'label'"

t "with the database unreachable, migration:create and migration:check work from files, in the URL's dialect"
rm -rf schema migrations
schema <<'LUA'
local t = require "tide.schema"
return t.table "user" { t.col "id" :serial() :primary(), t.col "mood" :enum("mood", { "ok", "sad" }) }
LUA
down_url="postgres://tide:hidden-pw@127.0.0.1:1/nowhere"
tide --url "$down_url" migration:create --name init; expect_rc 0
expect_out "note: the database could not be reached"
expect_out "connection refused"
expect_no "hidden-pw"
grep -q 'create type "mood" as enum' migrations/Migration*_init.lua || bad "not PostgreSQL SQL: $(cat migrations/*_init.lua)"
grep -q '"id" serial not null' migrations/Migration*_init.lua || bad "not PostgreSQL SQL"
tide --url "$down_url" migration:check; expect_rc 0; expect_out "No migration needed"
tide --url "$down_url" migration:create --initial; expect_rc 1; expect_out "cannot connect to PostgreSQL"
tide --url "$down_url" migration:up; expect_rc 1; expect_out "cannot connect to PostgreSQL"

finish
