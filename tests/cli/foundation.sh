# CLI end-to-end: version, help, configuration, `tide debug`, `tide run`, and
# the errors for bad input (exit codes and messages), on SQLite.
. "$(dirname "$0")/lib.sh"

t "--version prints the version"
tide --version; expect_rc 0; expect_out "tide 0.1.0"

t "--help lists every command of the spec"
tide --help; expect_rc 0
for c in migration:create migration:up migration:down migration:list migration:pending \
         migration:check migration:fresh migration:validate migration:resolve migration:log \
         migration:unlog migration:test migration:lint schema:create schema:update schema:drop \
         schema:fresh schema:inspect schema:diff schema:drift seeder:run seeder:create run \
         db:generate db:migrate db:rollback debug; do
  expect_out "  $c "
done

t "no command is a usage error"
tide; expect_rc 2; expect_out "usage: tide"

t "an unknown command is a usage error"
tide migrate:up; expect_rc 2; expect_out "unknown command 'migrate:up'"

t "a command that is not built yet says so"
tide --help
for cmd in $(printf '%s\n' "$stdout" | awk '/\(not built yet\)/ { print $1 }'); do
  tide "$cmd"; expect_rc 1; expect_out "not built yet"
done

t "a command's --help shows its usage"
tide run --help; expect_rc 0; expect_out "usage: tide run FILE.lua"

t "debug without a config file shows the defaults"
tide debug; expect_rc 0
expect_out "(none: defaults)"; expect_out "sqlite:tide.db  (from default)"; expect_out "migrations.tableName"

t "debug reads tide.lua, and env and flag override it in that order"
cat > tide.lua <<'LUA'
return { url = "sqlite:from-file.db", migrations = { path = "db/migrations", lockTimeout = 5 } }
LUA
tide debug; expect_rc 0; expect_out "sqlite:from-file.db  (from file)"; expect_out "db/migrations"
TIDE_DATABASE_URL=sqlite:from-env.db tide debug; expect_out "sqlite:from-env.db  (from env)"
export TIDE_DATABASE_URL=sqlite:from-env.db
tide --url sqlite:from-flag.db debug; expect_out "sqlite:from-flag.db  (from flag)"
unset TIDE_DATABASE_URL
rm tide.lua

t "--config and TIDE_CONFIG pick the file"
mkdir -p conf && echo 'return { url = "sqlite:picked.db" }' > conf/alt.lua
tide --config conf/alt.lua debug; expect_rc 0; expect_out "sqlite:conf/picked.db"   # relative to the config file
TIDE_CONFIG=conf/alt.lua tide debug; expect_out "conf/alt.lua"
tide --config conf/missing.lua debug; expect_rc 1; expect_out "config file 'conf/missing.lua' not found"

t "debug masks the password, also with --json"
tide --url 'postgres://app:s3cr3t-pw@db.example:5432/app' debug
expect_rc 0; expect_out "postgres://app:***@db.example:5432/app"; expect_no "s3cr3t-pw"
tide --json --url 'postgres://app:s3cr3t-pw@db.example:5432/app' debug
expect_rc 0; expect_out '"url": "postgres://app:***@db.example:5432/app"'; expect_no "s3cr3t-pw"

t "debug --json is valid JSON"
tide --json debug
printf '%s' "$stdout" | lua5.4 -e 'local t = require("cjson").decode(io.read("a")); assert(t.migrations.tableName == "tide_migrations")' \
  || bad "not valid JSON"

t "a syntax error in tide.lua names the file and line"
printf 'return {\n  url = "sqlite:x.db",\n  migrations = { path = }\n}\n' > tide.lua
tide debug; expect_rc 1; expect_out "tide.lua:3:"
rm tide.lua

t "an unknown config key names the closest known one"
echo 'return { migrations = { tablename = "m" } }' > tide.lua
tide debug; expect_rc 1; expect_out "unknown key 'migrations.tablename'; did you mean 'migrations.tableName'?"
echo 'return { urll = "sqlite:x.db" }' > tide.lua
tide debug; expect_rc 1; expect_out "did you mean 'url'?"
rm tide.lua

t "run executes a script with tide, db and arg"
cat > script.lua <<'LUA'
local a, b = ...
print("args", a, b, arg[0], arg[1], #arg)
print("dialect", db.dialect, tide.version)
db:exec("create table notes (id integer primary key, body text)")
db:exec("insert into notes (body) values (?)", a)
for row in db:query("select id, body from notes") do print("row", row.id, row.body) end
print("json", require("cjson").encode({ ok = true }))
LUA
tide --url sqlite:run.db run script.lua first --second
expect_rc 0; expect_out "args	first	--second	script.lua	first	2"
expect_out "dialect	sqlite	0.1.0"; expect_out "row	1	first"; expect_out 'json	{"ok":true}'
[ -f run.db ] || bad "run.db was not created"

t "a SQL error in a script names the file, line, statement and database message"
printf 'db:exec("select 1")\ndb:exec("insert into missing_tbl values (1)")\n' > sqlerr.lua
tide --url sqlite:run.db run sqlerr.lua; expect_rc 1
expect_out "sqlerr.lua:2:"; expect_out "no such table: missing_tbl"; expect_out "statement: insert into missing_tbl values (1)"

t "a Lua error in a script names the file and line"
printf 'local x = 1\nlocal y = x.field.deeper\n' > luaerr.lua
tide --url sqlite:run.db run luaerr.lua; expect_rc 1; expect_out "luaerr.lua:2:"
printf 'x = = 1\n' > syntax.lua
tide --url sqlite:run.db run syntax.lua; expect_rc 1; expect_out "syntax.lua:1:"

t "run without a file is a usage error; a missing file is a failure"
tide run; expect_rc 2
tide --url sqlite:run.db run nothere.lua; expect_rc 1; expect_out "cannot read 'nothere.lua'"
mkdir folder.lua                 # stdio read a folder as an empty chunk, and ran it
tide --url sqlite:run.db run folder.lua; expect_rc 1; expect_out "cannot read 'folder.lua': Is a directory"

t "using a closed handle is a clear error"
printf 'db:close()\ndb:exec("select 1")\n' > closed.lua
tide --url sqlite:run.db run closed.lua; expect_rc 1; expect_out "closed.lua:2:"; expect_out "closed database handle"

t "a malformed URL is a clear error without the password"
echo 'print("never")' > noop.lua
tide --url 'postgres://app:pw-secret@host:notaport/db' run noop.lua
expect_rc 1; expect_out "port 'notaport' is not a number"; expect_no "pw-secret"; expect_no "never"

t "an unknown scheme is a clear error"
tide --url 'mysql://app:pw-secret@host/db' run noop.lua
expect_rc 1; expect_out "unknown database scheme 'mysql'"; expect_no "pw-secret"

t "a missing SQLite directory is a clear error"
tide --url sqlite:no/such/dir/app.db run noop.lua
expect_rc 1; expect_out "no/such/dir"; expect_out "does not exist"
[ -e no ] && bad "a directory was created"

finish
