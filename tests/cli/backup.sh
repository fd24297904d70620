# migration:up --backup FILE on SQLite: the online backup API writes FILE
# before anything runs; the backup restores; existing files are refused.
. "$(dirname "$0")/lib.sh"
DB="$work/app.sqlite"
URL="sqlite:$DB"
q() { sqlite3 -separator '|' "$1" "$2"; }
mig() { mkdir -p migrations; cat > "migrations/$1.lua"; }

mig Migration20260101000000_init <<'LUA'
return { up = function(m)
  m:addSql "create table authors (id integer primary key, name text)"
  m:addSql "create table books (id integer primary key, title text)"
end }
LUA

t "a first run migrates; rows are added"
tide --url "$URL" migration:up; expect_rc 0; expect_out "1 migration applied."
q "$DB" "insert into authors values (1, 'Ann'), (2, 'Bob')"
[ "$(q "$DB" "select count(*) from authors")" = 2 ] || bad "rows not inserted"

mig Migration20260102000000_drop <<'LUA'
return { up = function(m) m:addSql "drop table authors" end }
LUA

t "an existing backup file is refused and nothing migrates"
echo keep > "$work/exists.bak"
tide --url "$URL" migration:up --backup "$work/exists.bak"; expect_rc 1
expect_out "backup file '$work/exists.bak' exists already; choose another name"
[ "$(cat "$work/exists.bak")" = keep ] || bad "the existing file was overwritten"
[ "$(q "$DB" "select count(*) from authors")" = 2 ] || bad "authors was dropped"
[ "$(q "$DB" "select count(*) from tide_migrations")" = 1 ] || bad "a migration was recorded"

t "a backup into a missing directory fails and nothing migrates"
tide --url "$URL" migration:up --backup "$work/no/such/dir/app.bak"; expect_rc 1
expect_out "cannot create backup file"
[ ! -e "$work/no/such/dir/app.bak" ] || bad "backup file appeared"
[ "$(q "$DB" "select count(*) from authors")" = 2 ] || bad "authors was dropped"
[ "$(q "$DB" "select count(*) from tide_migrations")" = 1 ] || bad "a migration was recorded"

t "--backup is for migration:up only; --dry-run takes none"
tide --url "$URL" migration:down --backup "$work/down.bak"; expect_rc 2
[ ! -e "$work/down.bak" ] || bad "down wrote a backup"
tide --url "$URL" migration:up --dry-run --backup "$work/dry.bak"; expect_rc 0
[ ! -e "$work/dry.bak" ] || bad "a dry run wrote a backup"
[ "$(q "$DB" "select count(*) from authors")" = 2 ] || bad "authors was dropped"

t "migration:up --backup writes FILE before the drop runs"
tide --url "$URL" migration:up --backup "$work/app.bak"; expect_rc 0
expect_out "backup written to $work/app.bak"; expect_out "1 migration applied."
[ -s "$work/app.bak" ] || bad "no backup file"
[ "$(q "$DB" "select count(*) from sqlite_master where name = 'authors'")" = 0 ] || bad "authors still there"

t "the backup restores: the dropped table and its rows are there"
cp "$work/app.bak" "$work/restored.sqlite"
[ "$(q "$work/restored.sqlite" "select group_concat(name, ',') from (select name from authors order by id)")" = "Ann,Bob" ] \
  || bad "restored authors: $(q "$work/restored.sqlite" "select * from authors" 2>&1)"
[ "$(q "$work/restored.sqlite" "select count(*) from tide_migrations")" = 1 ] || bad "restored history"
[ "$(q "$work/restored.sqlite" "pragma integrity_check")" = ok ] || bad "restored db not intact"
tide --url "sqlite:$work/restored.sqlite" migration:pending; expect_rc 0
expect_out "Migration20260102000000_drop"

t "the help of migration:up names --backup"
tide migration:up --help; expect_out "--backup FILE"

finish
