# migration:lint at scale and what its speed-ups must keep (issue 20, "lint
# in linear time"), with no server: PostgreSQL's migrations are read from
# their .sql files (the database is unreachable), SQLite's from a database
# file. A statement's rules may look back at the migration's earlier
# statements (an enum value added earlier and used here): that must not cost
# every earlier statement at every statement. The columns of a table created
# by one migration are read when a later one asks, after the first one's
# statements are gone.
. "$(dirname "$0")/lib.sh"
PGURL="postgres://tide@127.0.0.1:1/scale?connect_timeout=2"
mkdir -p "$work/p/migrations"; cd "$work/p"

t "PostgreSQL: an enum value used in the transaction that added it, statements later; the first adder is named"
cat > migrations/Migration20260101000000_enum.sql <<'SQL'
-- tide:up
create type mood as enum ('sad');
alter type mood add value 'ok';
create table a (id int);
alter type mood add value 'happy';
alter type mood add value 'ok2';
create table b (id int);
alter table a add column m mood default 'happy';
alter type mood add value if not exists 'happy';
insert into b values (1); select 'ok', 'happy';
SQL
tide --url "$PGURL" migration:lint
expect_out "Migration20260101000000_enum:7: warning enum-value-used-in-transaction enum value 'happy' is used in the transaction that adds it (statement 4)"
expect_out "Migration20260101000000_enum:10: warning enum-value-used-in-transaction enum value 'ok' is used in the transaction that adds it (statement 2)"
expect_no "_enum:8:"; expect_no "_enum:9:"
rm migrations/*

t "PostgreSQL: a table created by one migration and narrowed by the next: its columns are known"
printf -- '-- tide:up\ncreate table item (id int primary key, name varchar(50) not null, note text);\n' \
  > migrations/Migration20260101000000_create.sql
printf -- '-- tide:up\nalter table item alter column name type varchar(10);\n' \
  > migrations/Migration20260102000000_narrow.sql
tide --url "$PGURL" migration:lint --all
expect_out "Migration20260102000000_narrow:1: error type-narrowed changes item.name from varchar(50) to varchar(10)"
expect_out "Migration20260102000000_narrow:1: warning table-rewrite changing item.name to varchar(10) rewrites the table (from varchar(50))"
rm migrations/*

t "PostgreSQL: 30,000 statements in one migration lint in linear time (under 3 s of CPU; quadratic took 8.5 s)"
lua5.4 -e 'local o = { "-- tide:up\n" }
  for i = 1, 10000 do
    o[#o + 1] = ("create table t%d (id int, v varchar(20));\ncreate index t%d_v on t%d (v);\nalter table t%d add column w int;\n"):format(i, i, i, i)
  end
  io.write(table.concat(o))' > migrations/Migration20260101000000_big.sql
# CPU time (user + system), not the clock: a busy machine stretches the
# clock, not the work (30,000 statements: linear 0.06 s, 0.2 s under ASan; quadratic 8.5 s).
TIMEFORMAT='%3U %3S'
{ time tide --url "$PGURL" migration:lint; } 2> "$work/cpu"
ms=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/cpu")
expect_out "in 1 migration (30000 statements)"
[ "$ms" -lt 3000 ] || bad "migration:lint of 30,000 statements took $ms ms of CPU"
echo "  (30,000 statements linted in $ms ms of CPU)"
rm migrations/*

finish
