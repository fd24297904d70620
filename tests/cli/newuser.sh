# What a new user trips over (issue 16): a command failing on its
# configuration writes nothing, read-only commands never create a database
# file, paths in a config file are relative to that file. SQLite: these are
# about files.
. "$(dirname "$0")/lib.sh"
src=$TIDE_SOURCE_DIR

nothing_written() {   # the folder holds nothing but what it held
  local left
  left=$(ls -A)
  [ "$left" = "$1" ] || bad "the folder holds '$left', expected '$1'"
}

t "in an empty folder, a failing command writes no database nor lock file"
mkdir empty && cd empty
for cmd in migration:up migration:down migration:list migration:pending migration:fresh \
           migration:log migration:unlog migration:validate schema:create "schema:create --run" \
           "schema:update --run" seeder:run; do
  tide $cmd X 2>/dev/null; tide $cmd
  [ "$rc" != 0 ] || bad "$cmd succeeded in an empty folder"
  nothing_written ""
done
tide migration:up; expect_rc 1
expect_out "migrations folder 'migrations' does not exist (create it, or set migrations.path in tide.lua)"
tide schema:create --run; expect_out "schema folder 'schema' does not exist"
tide seeder:run; expect_out "seeders folder 'seeders' does not exist"
cd ..

t "read-only commands never create the database file; they read it as empty"
mkdir ro && cd ro && cp -r "$src/migrations" .
tide migration:pending; expect_rc 0; expect_out "Migration20261101090000_create_users"
tide migration:list; expect_rc 0; expect_out "No migration has been executed."
tide migration:check; expect_rc 3   # no schema folder: undecided, and nothing written
tide migration:validate; expect_rc 0
tide schema:inspect; expect_rc 0; expect_out '"tables": []'
tide schema:inspect --format lua; expect_rc 0
tide migration:lint; expect_rc 0
tide migration:up --dry-run; expect_rc 0; expect_out "rolled back; nothing was changed"
tide migration:down --dry-run; expect_rc 0
nothing_written "migrations"
tide migration:up; expect_rc 0; expect_out "4 migrations applied."
[ -f tide.db ] || bad "migration:up did not create tide.db"
tide migration:list; expect_rc 0; expect_out "Migration20261104090000_index_orders"
cd ..

t "--config ../other/tide.lua: the database and the folders are the config file's, not the current directory's"
mkdir -p cfg/other cfg/here && cp -r "$src/migrations" cfg/other/mig
printf 'return { url = "sqlite:app.db", migrations = { path = "mig" }, schema = "defs", seeder = { path = "seeds" } }\n' > cfg/other/tide.lua
cd cfg/here
tide --config ../other/tide.lua debug; expect_rc 0
expect_out "../other/tide.lua  (its paths are relative to ../other/)"
expect_out "sqlite:../other/app.db  (from file)"
expect_out "../other/mig"; expect_out "../other/defs"; expect_out "../other/seeds"
tide --config ../other/tide.lua migration:up; expect_rc 0; expect_out "4 migrations applied."
nothing_written ""
[ -f ../other/app.db ] || bad "the database is not beside the config file"
cd .. && tide --config other/tide.lua migration:list; expect_rc 0; expect_out "Migration20261104090000_index_orders"
TIDE_CONFIG="$PWD/other/tide.lua" tide migration:pending; expect_rc 0; expect_out "No pending migrations."
tide --config other/tide.lua --url sqlite:flag.db migration:pending; expect_rc 0
expect_out "Migration20261101090000_create_users"    # --url stays relative to the current directory
cd ..

t "SQLite: now() and gen_random_uuid() defaults are mapped; one SQLite cannot evaluate is refused at definition time"
mkdir dflt && cd dflt && mkdir schema
cat > schema/ev.lua <<'LUA'
local t = require "tide.schema"
return t.table "ev" {
  t.col "id" :serial() :primary(),
  t.col "at" :timestamp() :default "now()",
  t.col "u"  :uuid()      :default "gen_random_uuid()",
}
LUA
tide migration:create --dump; expect_rc 0
expect_out '"at" timestamp not null default current_timestamp'; expect_no "now()"
tide migration:create; expect_rc 0
tide migration:up; expect_rc 0
sqlite3 tide.db "insert into ev default values; insert into ev default values" || bad "an insert using the defaults failed"
got=$(sqlite3 tide.db "select count(*) from ev where at like '20__-__-__ __:__:__' and u glob '[0-9a-f]*-*-4*-*-*' and length(u) = 36")
[ "$got" = 2 ] || bad "the defaults gave: $(sqlite3 tide.db 'select * from ev')"
[ "$(sqlite3 tide.db 'select count(distinct u) from ev')" = 2 ] || bad "two rows got the same uuid"
tide schema:drift; expect_rc 0; expect_out "No drift"
tide migration:check; expect_rc 0
sed -i 's/now()/clock_timestamp()/' schema/ev.lua
tide migration:create; expect_rc 1
expect_out "ev.at: SQLite cannot evaluate the default (clock_timestamp()): no such function: clock_timestamp; write one it can (current_timestamp"
[ "$(ls migrations | wc -l)" = 1 ] || bad "a migration was written for a default SQLite refuses"
cd ..

t "an enum column's default written as a bare word is refused when the definitions are read, with the fix"
mkdir enumdflt && cd enumdflt && mkdir schema migrations
cat > schema/ticket.lua <<'LUA'
local t = require "tide.schema"
return t.table "ticket" {
  t.col "id" :serial() :primary(),
  t.col "state" :enum("ticket_state", { "open", "closed" }) :default("open"),
}
LUA
tide migration:create; expect_rc 1
expect_out "table 'ticket', column 'state': default open is a bare word"
expect_out ":default(\"'open'\")"
[ -z "$(ls migrations)" ] || bad "a migration was written for a default no database takes"
sed -i "s/:default(\"open\")/:default(\"'open'\")/" schema/ticket.lua
tide migration:create; expect_rc 0
tide migration:up; expect_rc 0
sqlite3 tide.db "insert into ticket default values" && [ "$(sqlite3 tide.db 'select state from ticket')" = open ] ||
  bad "the quoted default did not give 'open'"
cd ..

t "m:progress(n): p:step() counts one by one on a terminal (script gives tide a TTY)"
mkdir prog && cd prog && mkdir migrations
cat > migrations/Migration20260101000000_steps.lua <<'LUA'
return { up = function(m)
  local p = m:progress(4)
  for _ = 1, 3 do p:step() end
  p:step(1)
  local q = m:progress(10)
  q:step(3); q:step(); q:done()
end }
LUA
out=$(script -qec "'$TIDE_BIN' --url 'sqlite:$work/prog/p.db' migration:up" /dev/null 2>&1); rc=$?
expect_rc 0
bars=$(printf '%s' "$out" | tr '\r' '\n' | grep -o '[0-9]*/[0-9]*$' | tr '\n' ' ')
[ "$bars" = "1/4 2/4 3/4 4/4 3/10 4/10 10/10 " ] || bad "the bars counted: '$bars'"
cd ..

finish
