# seeder:run, seeder:create and migration:fresh end to end on PostgreSQL:
# the cases of seeder.sh, each in a fresh database of the test cluster
# (TIDE_TEST_PG_URL), then what only PostgreSQL has: namespaces.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
PG_DB_PREFIX=seeder PG_DB_POOL=1   # through the pool (TIDE_TEST_POOL_URL, pg_db.inc)
. "$(dirname "$0")/pg_db.inc"
has_table() { q "select count(*) from information_schema.tables where table_schema = 'public' and table_name = '$1'"; }

SEEDER_PG=1
. "$here/seeder.sh"

new_case "migration:fresh leaves alone a table in a namespace tide does not cover"
people_table
q "create schema other"
q "create table other.keep (id integer primary key, note text)"
q "insert into other.keep values (1, 'survives')"
q "create table handmade (id integer)"
cmd migration:fresh; expect_rc 0; expect_out "Dropped everything and applied 2 migrations."
expect_q "select id, note from other.keep" "1|survives"
[ "$(has_table handmade)" = 0 ] || bad "the public table made by hand survived migration:fresh"
expect_q "select id, name from people" "100|founder"

t "migration:fresh --seed on that database seeds public and still leaves other alone"
people_seeders
cmd migration:fresh --seed; expect_rc 0; expect_out "Seeded with DatabaseSeeder."
expect_q "select count(*) from people" "4"
expect_q "select count(*) from other.keep" "1"

finish
