# A SQLite rebuild whose copy a NOT NULL refuses: the new shape of a table
# with rows adds a NOT NULL column without a default in the middle (as a
# push-notification server's history did, its own migration writing 0 into
# it), or makes NOT NULL a column holding NULL. SQLite's own error names the
# rebuild's scratch table (<table>__tide_new); tide says the table, the
# column and the way out, and nothing is committed: the rows stay as they
# were, by schema:diff --run and by a generated migration alike.
. "$(dirname "$0")/lib.sh"
q() { sqlite3 -bail "$1" "$2"; }

mk_target() {
  q "$work/to.db" "
  create table account (
    id text primary key,
    name text not null,
    role text check (role in ('admin', 'user')) not null,
    provisioned int not null,
    created int not null,
    note text not null
  );"
}
mk_source() {
  rm -f "$1"
  q "$1" "
  create table account (
    id text primary key,
    name text not null,
    role text check (role in ('admin', 'user')) not null,
    created int not null,
    note text
  );
  insert into account values ('u1', 'Ada', 'admin', 1, 'first'), ('u2', 'Bo', 'user', 2, 'second');"
}
mk_target
rows() { q "$1" "select group_concat(id || ':' || name || ':' || coalesce(note, '-'), ' ') from account"; }

t "schema:diff --run: a new NOT NULL column without a default in a table with rows"
mk_source "$work/a.db"
tide --url "sqlite:$work/a.db" schema:diff --from "sqlite:$work/a.db" --to "sqlite:$work/to.db" --run
expect_rc 1
expect_out "table account cannot be rebuilt: column provisioned is NOT NULL in its new shape and a row has no value for it"
expect_out "give the column a default, or add it nullable, fill it, then make it NOT NULL"
[ "$(rows "$work/a.db")" = "u1:Ada:first u2:Bo:second" ] || bad "the rows changed: $(rows "$work/a.db")"
q "$work/a.db" "select sql from sqlite_master where name = 'account'" | grep -q provisioned &&
  bad "the new shape was committed"

t "schema:diff --run: a nullable column holding NULL made NOT NULL"
mk_source "$work/b.db"
q "$work/b.db" "alter table account add column provisioned int not null default 0;
                update account set note = null where id = 'u2'"
tide --url "sqlite:$work/b.db" schema:diff --from "sqlite:$work/b.db" --to "sqlite:$work/to.db" --run
expect_rc 1
expect_out "table account cannot be rebuilt: column note is NOT NULL in its new shape"
[ "$(rows "$work/b.db")" = "u1:Ada:first u2:Bo:-" ] || bad "the rows changed: $(rows "$work/b.db")"

t "a generated migration says the same when it runs"
mk_source "$work/c.db"
mkdir -p "$work/proj/schema" "$work/proj/migrations"
cd "$work/proj"
tide --url "sqlite:$work/c.db" schema:inspect --format lua
printf '%s\n' "$stdout" > schema/app.lua
tide --url "sqlite:$work/c.db" migration:create --initial --name start
expect_rc 0
tide --url "sqlite:$work/to.db" schema:inspect --format lua
printf '%s\n' "$stdout" > schema/app.lua
tide --url "sqlite:$work/c.db" migration:create --name provisioned
expect_rc 0
tide --url "sqlite:$work/c.db" migration:up
expect_rc 1
expect_out "table account cannot be rebuilt: column provisioned is NOT NULL in its new shape"
[ "$(rows "$work/c.db")" = "u1:Ada:first u2:Bo:second" ] || bad "the rows changed: $(rows "$work/c.db")"
cd "$work"

t "with a default the same change keeps every row"
mk_source "$work/d.db"
rm -f "$work/to.db"
q "$work/to.db" "
create table account (
  id text primary key,
  name text not null,
  role text check (role in ('admin', 'user')) not null,
  provisioned int not null default 0,
  created int not null,
  note text
);"
tide --url "sqlite:$work/d.db" schema:diff --from "sqlite:$work/d.db" --to "sqlite:$work/to.db" --run
expect_rc 0
[ "$(rows "$work/d.db")" = "u1:Ada:first u2:Bo:second" ] || bad "the rows changed: $(rows "$work/d.db")"

finish
