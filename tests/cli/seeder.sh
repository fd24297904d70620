# seeder:run, seeder:create and migration:fresh end to end on SQLite.
# seeder_pg.sh runs the same cases on PostgreSQL: it defines fresh_db, q and
# has_table for its database, sets SEEDER_PG=1 and sources this file, then
# adds its own cases and finishes. Each case gets its own folder contents
# and its own database.
if [ -z "${SEEDER_PG:-}" ]; then
  . "$(dirname "$0")/lib.sh"
  n=0
  fresh_db() { n=$((n + 1)); URL="sqlite:$work/db$n.sqlite"; }
  q() { sqlite3 -separator '|' "${URL#sqlite:}" "$1"; }
  has_table() { q "select count(*) from sqlite_master where type = 'table' and name = '$1'"; }
fi

new_case() {   # new_case "title": empty project folder, fresh database
  t "$1"
  rm -rf migrations seeders db tide.lua
  fresh_db
}
mig() { mkdir -p migrations; cat > "migrations/$1.lua"; }   # mig NAME <<'LUA'
seed() { mkdir -p seeders; cat > "seeders/$1.lua"; }         # seed NAME <<'LUA'
cmd() { tide --url "$URL" "$@"; }

expect_q() {   # expect_q "SQL" "expected output"
  local got
  got=$(q "$1" 2>&1)
  [ "$got" = "$2" ] || bad "query '$1' gave '$got', expected '$2'"
}

people_table() {   # a migration creating people, one inserting a row, applied
  mig Migration20260101000000_people <<'LUA'
return {
  up = function(m) m:addSql [[create table people (id integer primary key, name varchar(100) not null)]] end,
  down = function(m) m:addSql "drop table people" end,
}
LUA
  mig Migration20260102000000_founder <<'LUA'
return {
  up = function(m) m:execute("insert into people (id, name) values (?, ?)", 100, "founder") end,
  down = function(m) m:execute("delete from people where id = 100") end,
}
LUA
  cmd migration:up >/dev/null
  [ "$rc" = 0 ] || bad "migration:up failed"
}

people_seeders() {   # DatabaseSeeder calls PeopleSeeder, then adds a row of its own
  seed DatabaseSeeder <<'LUA'
return { run = function(db, seeder)
  seeder:log("%s starts", seeder.name)
  seeder:call("PeopleSeeder")
  db:exec("insert into people (id, name) values (?, ?)", 3, "by " .. seeder.name)
end }
LUA
  seed PeopleSeeder <<'LUA'
return { run = function(db, seeder)
  db:exec("insert into people (id, name) values (?, ?)", 1, "ada")
  db:exec("insert into people (id, name) values (?, ?)", 2, "grace")
  seeder:log("%d people", 2)
end }
LUA
}

# ---- seeder:create -------------------------------------------------------

new_case "seeder:create writes a seeder from the template, and it runs"
people_table
cmd seeder:create UserSeeder; expect_rc 0; expect_out "Created seeders/UserSeeder.lua"
[ -f seeders/UserSeeder.lua ] || bad "seeders/UserSeeder.lua was not written"
grep -q "run = function(db, seeder)" seeders/UserSeeder.lua || bad "the template has no run function"
cmd seeder:run --class UserSeeder; expect_rc 0; expect_out "Seeded with UserSeeder."
cmd --json seeder:create OrderSeeder; expect_rc 0; expect_out '"path": "seeders/OrderSeeder.lua"'
ls seeders | grep -q tmp && bad "a temporary file was left in seeders/"

t "seeder:create refuses an existing file, a bad name and no name"
cp seeders/UserSeeder.lua "$work/before.lua"
cmd seeder:create UserSeeder; expect_rc 1; expect_out "'seeders/UserSeeder.lua' already exists"
cmp -s seeders/UserSeeder.lua "$work/before.lua" || bad "the existing seeder was changed"
cmd seeder:create User-Seeder; expect_rc 2; expect_out "seeder name 'User-Seeder' is not valid"
cmd seeder:create ../Escape; expect_rc 2; expect_out "is not valid"
[ -e Escape.lua ] && bad "a file was written outside seeders/"
cmd seeder:create UserSeeder.lua; expect_rc 2; expect_out "without .lua"
cmd seeder:create; expect_rc 2; expect_out "name the seeder"
cmd seeder:create A B; expect_rc 2; expect_out "unexpected argument 'B'"

# ---- seeder:run ----------------------------------------------------------

new_case "seeder:run runs the default seeder, which calls another"
people_table; people_seeders
cmd seeder:run; expect_rc 0
expect_out "DatabaseSeeder: DatabaseSeeder starts"; expect_out "PeopleSeeder: 2 people"
expect_out "Seeded with DatabaseSeeder."
expect_q "select id, name from people where id < 100 order by id" $'1|ada\n2|grace\n3|by DatabaseSeeder'

new_case "seeder:run --class runs that seeder only"
people_table; people_seeders
cmd seeder:run --class PeopleSeeder; expect_rc 0; expect_out "Seeded with PeopleSeeder."
expect_no "DatabaseSeeder"
expect_q "select count(*) from people where id < 100" "2"
cmd seeder:run --class; expect_rc 2; expect_out "--class needs a value"
cmd seeder:run --class ../x; expect_rc 2; expect_out "is not valid"
cmd seeder:run extra; expect_rc 2; expect_out "unexpected argument 'extra'"

new_case "seeder:run --json names the seeder; logs go to stderr"
people_table; people_seeders
cmd --json seeder:run --class PeopleSeeder; expect_rc 0
case "$stdout" in *'"seeder": "PeopleSeeder"'*) ;; *) bad "stdout lacks the seeder: $stdout" ;; esac
case "$stdout" in *"2 people"*) bad "a log line went to stdout with --json" ;; esac
expect_out "PeopleSeeder: 2 people"

new_case "seeder:call runs a seeder each time it is called"
people_table
seed Twice <<'LUA'
return { run = function(db, seeder) seeder:call("Counter"); seeder:call("Counter", "Counter") end }
LUA
seed Counter <<'LUA'
return { run = function(db, seeder)
  local n = db:exec("select count(*) as n from people where id < 100")[1].n
  db:exec("insert into people (id, name) values (?, ?)", n + 1, "counted")
end }
LUA
cmd seeder:run --class Twice; expect_rc 0
expect_q "select count(*) from people where id < 100" "3"

new_case "a cycle of seeder calls is an error naming the chain; nothing is seeded"
people_table
seed CycA <<'LUA'
return { run = function(db, seeder)
  db:exec("insert into people (id, name) values (1, 'a')")
  seeder:call("CycB")
end }
LUA
seed CycB <<'LUA'
return { run = function(db, seeder)
  seeder:call("CycA")
end }
LUA
seed Self <<'LUA'
return { run = function(db, seeder) seeder:call("Self") end }
LUA
cmd seeder:run --class CycA; expect_rc 1
expect_out "seeder cycle: CycA -> CycB -> CycA"; expect_out "seeders/CycB.lua:2:"
expect_q "select count(*) from people where id < 100" "0"
cmd seeder:run --class Self; expect_rc 1; expect_out "seeder cycle: Self -> Self"

# ---- errors --------------------------------------------------------------

new_case "a missing seeders folder says how to make one"
people_table
cmd seeder:run; expect_rc 1
expect_out "tide: seeders folder 'seeders' does not exist (create it with tide seeder:create NAME, or set seeder.path)"
cmd seeder:run --class PeopleSeeder; expect_rc 1; expect_out "seeders folder 'seeders' does not exist"

t "an empty seeders folder: the missing seeder is named"
mkdir -p seeders
cmd seeder:run; expect_rc 1
expect_out "seeder 'DatabaseSeeder' not found: 'seeders/DatabaseSeeder.lua' does not exist"
expect_out "tide seeder:create DatabaseSeeder"

t "a missing seeder file is named, with the seeders that exist"
people_seeders
seed Caller <<'LUA'
return { run = function(db, seeder)
  seeder:call("Nope")
end }
LUA
cmd seeder:run --class Nope; expect_rc 1
expect_out "seeder 'Nope' not found: 'seeders/Nope.lua' does not exist (seeders in 'seeders': Caller, DatabaseSeeder, PeopleSeeder)"
cmd seeder:run --class Caller; expect_rc 1
expect_out "seeders/Caller.lua:2:"; expect_out "'seeders/Nope.lua' does not exist"
expect_q "select count(*) from people where id < 100" "0"

new_case "a seeder file must return a table with a run function"
people_table
seed NoTable <<'LUA'
return 42
LUA
seed NoRun <<'LUA'
return { runn = function() end }
LUA
seed Syntax <<'LUA'
return { run = function(db seeder) end }
LUA
cmd seeder:run --class NoTable; expect_rc 1
expect_out "seeders/NoTable.lua must return a table with a run function"; expect_out "it returned number"
cmd seeder:run --class NoRun; expect_rc 1
expect_out "seeders/NoRun.lua: the returned table has no run function"
cmd seeder:run --class Syntax; expect_rc 1; expect_out "seeders/Syntax.lua:1:"

new_case "a Lua error names the file and line and rolls everything back"
people_table; people_seeders
seed Boom <<'LUA'
return { run = function(db, seeder)
  db:exec("insert into people (id, name) values (10, 'kept?')")
  seeder:call("PeopleSeeder")
  error("boom")
end }
LUA
seed CallsBoom <<'LUA'
return { run = function(db, seeder) seeder:call("Boom") end }
LUA
cmd seeder:run --class Boom; expect_rc 1
expect_out "seeding with Boom failed and was rolled back: seeders/Boom.lua:4: boom"
expect_q "select count(*) from people where id < 100" "0"
cmd seeder:run --class CallsBoom; expect_rc 1; expect_out "seeders/Boom.lua:4: boom"
expect_q "select count(*) from people where id < 100" "0"

new_case "a SQL error names the statement and the database's message; nothing is kept"
people_table
seed BadSql <<'LUA'
return { run = function(db, seeder)
  db:exec("insert into people (id, name) values (?, ?)", 1, "ada")
  db:exec("insert into nosuchtable (id) values (1)")
end }
LUA
cmd seeder:run --class BadSql; expect_rc 1
expect_out "seeders/BadSql.lua:3:"; expect_out "nosuchtable"
expect_out "statement: insert into nosuchtable (id) values (1)"
expect_q "select count(*) from people where id < 100" "0"

t "a failed seeder:call caught with pcall is rolled back alone (a savepoint)"
seed Catches <<'LUA'
return { run = function(db, seeder)
  local ok = pcall(seeder.call, seeder, "BadSql")
  seeder:log("BadSql failed: %s", tostring(not ok))
  db:exec("insert into people (id, name) values (?, ?)", 7, "after")
end }
LUA
cmd seeder:run --class Catches; expect_rc 0; expect_out "BadSql failed: true"
expect_q "select id from people where id < 100 order by id" "7"

new_case "seeder.path and seeder.defaultSeeder come from the configuration"
people_table
cat > tide.lua <<'LUA'
return { seeder = { path = "db/seeds", defaultSeeder = "MainSeeder" } }
LUA
cmd seeder:run; expect_rc 1; expect_out "seeders folder 'db/seeds' does not exist"
cmd seeder:create MainSeeder; expect_rc 0; expect_out "Created db/seeds/MainSeeder.lua"
cat > db/seeds/MainSeeder.lua <<'LUA'
return { run = function(db, seeder) db:exec("insert into people (id, name) values (1, ?)", seeder.name) end }
LUA
cmd seeder:run; expect_rc 0; expect_out "Seeded with MainSeeder."
expect_q "select name from people where id = 1" "MainSeeder"

# ---- migration:fresh -----------------------------------------------------

new_case "migration:fresh drops everything and runs every migration again"
people_table
q "insert into people (id, name) values (1, 'by hand')"
q "create table handmade (id integer)"
q "insert into handmade values (1)"
cmd migration:fresh; expect_rc 0
expect_out "Migration20260101000000_people: migrated"; expect_out "Migration20260102000000_founder: migrated"
expect_out "Dropped everything and applied 2 migrations."
expect_q "select id, name from people order by id" "100|founder"
expect_q "select count(*) from tide_migrations" "2"
[ "$(has_table handmade)" = 0 ] || bad "the table made by hand survived migration:fresh"
cmd migration:pending; expect_out "No pending migrations."

t "migration:fresh --json lists what was applied"
cmd --json migration:fresh; expect_rc 0
case "$stdout" in *'"applied": ['*'Migration20260102000000_founder'*) ;; *) bad "stdout: $stdout" ;; esac
case "$stdout" in *'"seeder"'*) bad "no seeder ran, yet one is named" ;; esac
expect_no "Dropped everything"

new_case "migration:fresh --seed [NAME] seeds after migrating"
people_table; people_seeders
cmd migration:fresh --seed; expect_rc 0
expect_out "Dropped everything and applied 2 migrations."; expect_out "Seeded with DatabaseSeeder."
expect_q "select count(*) from people" "4"
cmd migration:fresh --seed PeopleSeeder; expect_rc 0; expect_out "Seeded with PeopleSeeder."
expect_q "select count(*) from people" "3"
cmd migration:fresh --seed=PeopleSeeder; expect_rc 0; expect_out "Seeded with PeopleSeeder."
expect_q "select count(*) from people" "3"
cmd --json migration:fresh --seed; expect_rc 0
case "$stdout" in *'"seeder": "DatabaseSeeder"'*) ;; *) bad "stdout: $stdout" ;; esac
cmd migration:fresh PeopleSeeder; expect_rc 2; expect_out "a seeder name goes with --seed"
cmd migration:fresh --seed A B; expect_rc 2; expect_out "unexpected argument 'B'"
cmd migration:fresh --seed=A B; expect_rc 2; expect_out "give the seeder once"
cmd migration:fresh --seed ../x; expect_rc 2; expect_out "is not valid"
expect_q "select count(*) from people" "4"

t "migration:fresh --seed with a missing seeder fails before dropping anything"
q "insert into people (id, name) values (50, 'still here')"
cmd migration:fresh --seed Nope; expect_rc 1; expect_out "seeder 'Nope' not found"
expect_no "Dropped everything"
expect_q "select name from people where id = 50" "still here"

t "migration:fresh --seed with a failing seeder: migrated, nothing seeded, exit 1"
seed Boom <<'LUA'
return { run = function(db, seeder)
  seeder:call("PeopleSeeder")
  error("seed failed on purpose")
end }
LUA
cmd migration:fresh --seed Boom; expect_rc 1
expect_out "seeding with Boom failed and was rolled back: seeders/Boom.lua:3: seed failed on purpose"
expect_q "select id from people order by id" "100"
expect_q "select count(*) from tide_migrations" "2"

# ---- the example project -------------------------------------------------

new_case "the example project: migration:fresh --seed, then seeder:run again adds nothing"
cp -r "$TIDE_SOURCE_DIR/migrations" "$TIDE_SOURCE_DIR/seeders" .
cmd migration:fresh --seed; expect_rc 0
expect_out "UserSeeder: 3 users added, 0 there already"; expect_out "DatabaseSeeder: 3 orders added"
expect_q "select count(*) from users" "6"; expect_q "select count(*) from orders" "6"
cmd seeder:run; expect_rc 0; expect_out "UserSeeder: 0 users added, 3 there already"
expect_q "select count(*) from users" "6"; expect_q "select count(*) from orders" "6"
expect_q "select first_name || ' ' || last_name from users where email = 'margaret@example.org'" "Margaret Hamilton"

[ -n "${SEEDER_PG:-}" ] || finish
