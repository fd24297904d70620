# migration:up --backup FILE on PostgreSQL (TIDE_TEST_PG_URL, fresh
# databases): pg_dump -Fc writes FILE before anything runs; pg_restore brings
# the dropped table back; the password never shows.
. "$(dirname "$0")/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
admin="$TIDE_TEST_PG_URL"
pass=$(printf '%s' "$TIDE_TEST_PG_URL" | sed -n 's|^[a-z]*://[^:/@]*:\([^@]*\)@.*|\1|p')
db="tide_backup_$$"
restored="tide_backup_restored_$$"
URL="$base/$db"
RURL="$base/$restored"
cleanup_dbs() {
  for d in "$db" "$restored"; do psql -qAt "$admin" -c "drop database if exists $d" >/dev/null 2>&1; done
  rm -rf "$work"
}
trap cleanup_dbs EXIT
psql -qAt "$admin" -c "drop database if exists $db" -c "drop database if exists $restored" \
  -c "create database $db" >/dev/null
q() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$1" -c "$2"; }
mig() { mkdir -p migrations; cat > "migrations/$1.lua"; }
no_pass() { [ -z "$pass" ] || expect_no "$pass"; }

mig Migration20260101000000_init <<'LUA'
return { up = function(m)
  m:addSql "create table authors (id integer primary key, name text)"
  m:addSql "create table books (id integer primary key, title text)"
end }
LUA

t "a first run migrates; rows are added"
[ -n "$pass" ] || bad "the test URL carries no password: the password checks would prove nothing"
tide --url "$URL" migration:up; expect_rc 0; expect_out "1 migration applied."
q "$URL" "insert into authors values (1, 'Ann'), (2, 'Bob')"
[ "$(q "$URL" "select count(*) from authors")" = 2 ] || bad "rows not inserted"

mig Migration20260102000000_drop <<'LUA'
return { up = function(m) m:addSql "drop table authors" end }
LUA

t "an existing backup file is refused and nothing migrates"
echo keep > "$work/exists.dump"
tide --url "$URL" migration:up --backup "$work/exists.dump"; expect_rc 1
expect_out "backup file '$work/exists.dump' exists already; choose another name"; no_pass
[ "$(cat "$work/exists.dump")" = keep ] || bad "the existing file was overwritten"
[ "$(q "$URL" "select count(*) from authors")" = 2 ] || bad "authors was dropped"
[ "$(q "$URL" "select count(*) from tide_migrations")" = 1 ] || bad "a migration was recorded"

t "a backup into a missing directory fails and nothing migrates"
tide --url "$URL" migration:up --backup "$work/no/such/dir/app.dump"; expect_rc 1
expect_out "cannot create backup file"; no_pass
[ ! -e "$work/no/such/dir/app.dump" ] || bad "backup file appeared"
[ "$(q "$URL" "select count(*) from authors")" = 2 ] || bad "authors was dropped"
[ "$(q "$URL" "select count(*) from tide_migrations")" = 1 ] || bad "a migration was recorded"

t "without pg_dump: a clear error, no file, nothing migrates"
out=$(PATH=/nonexistent "$TIDE_BIN" --url "$URL" migration:up --backup "$work/nopg.dump" 2>&1 </dev/null); rc=$?
expect_rc 1
expect_out "--backup on PostgreSQL needs pg_dump (apt-get install postgresql-client)"; no_pass
[ ! -e "$work/nopg.dump" ] || bad "a file was left behind"
[ "$(q "$URL" "select count(*) from authors")" = 2 ] || bad "authors was dropped"

t "migration:up --backup writes FILE with pg_dump before the drop runs"
tide --url "$URL" --verbose migration:up --backup "$work/app.dump"; expect_rc 0
expect_out "backup written to $work/app.dump"; expect_out "1 migration applied."; no_pass
[ -s "$work/app.dump" ] || bad "no backup file"
[ "$(head -c 5 "$work/app.dump")" = PGDMP ] || bad "not a custom-format dump"
[ "$(q "$URL" "select count(*) from pg_tables where tablename = 'authors'")" = 0 ] || bad "authors still there"

t "the backup restores (createdb + pg_restore): the dropped table and its rows are there"
createdb --maintenance-db="$admin" "$restored" || bad "createdb failed"
pg_restore --no-owner -d "$RURL" "$work/app.dump" || bad "pg_restore failed"
[ "$(q "$RURL" "select string_agg(name, ',' order by id) from authors")" = "Ann,Bob" ] || bad "restored authors"
[ "$(q "$RURL" "select count(*) from tide_migrations")" = 1 ] || bad "restored history"
tide --url "$RURL" migration:pending; expect_rc 0; expect_out "Migration20260102000000_drop"; no_pass

finish
