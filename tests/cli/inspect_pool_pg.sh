# A large schema's columns are read on a second connection, in the first
# one's snapshot (drivers/postgres/introspect.c). Behind a pooler with a
# single server connection (PgBouncer, transaction pooling, POOL_SIZE=1:
# a bouncer of this test's own in front of the test cluster), that second
# connection waits for a server the first holds until it commits, and the
# first waited for the second: schema:inspect hung until PgBouncer's
# query_wait_timeout (two minutes). It now gives the second connection up
# once everything else is read, reads the columns itself, and prints what
# a plain connection prints.
. "$(dirname "$0")/lib.sh"
: "${TIDE_TEST_PG_URL:?TIDE_TEST_PG_URL must name the test cluster}"
: "${TIDE_TEST_PG_DIR:?TIDE_TEST_PG_DIR must name the folder of the test cluster (tests/pg/with-pg.sh)}"
PG_DB_PREFIX=inspool
. "$(dirname "$0")/pg_db.inc"
bouncer=$(cd "$(dirname "$0")/../pg" && pwd)/bouncer.sh
echo "$TIDE_TEST_PG_DIR" > "$work/pg.state"
stop_bouncer() { "$bouncer" stop "$work/pg.state" "$work/one.state" >/dev/null 2>&1 || true; }
trap 'stop_bouncer; cleanup_dbs' EXIT
POOL_SIZE=1 "$bouncer" start "$work/pg.state" "$work/one.state" transaction >/dev/null ||
  { echo "inspect_pool_pg: could not start PgBouncer"; exit 1; }
one_url=$(cat "$(cat "$work/one.state")/url")

fresh_db
psql -qAtX -v ON_ERROR_STOP=1 "$URL" >/dev/null <<'SQL'
create type mood as enum ('ok', 'meh');
create table a (id serial primary key, name varchar(20) default 'x', m mood default 'ok', at timestamptz default now());
create table b (id bigint generated always as identity primary key, a_id integer references a (id), n numeric(8,2) default 1.5);
comment on column b.n is 'amount';
SQL

t "a second connection behind a pooler of one server connection: given up, the columns read on the first"
TIDE_PG_SECOND_CONNECTION=0 tide --url "$URL" schema:inspect; expect_rc 0
direct=$stdout
TIDE_PG_SECOND_CONNECTION=1 TIDE_WRAP="${TIDE_WRAP:+$TIDE_WRAP }timeout 60" tide --url "$one_url/${URL##*/}" schema:inspect
[ "$rc" = 124 ] && bad "schema:inspect through a one-connection pooler still waited a minute for its second connection"
expect_rc 0
[ "$stdout" = "$direct" ] || bad "through the pooler: $(diff <(printf '%s\n' "$direct") <(printf '%s\n' "$stdout") | head -n 8)"

t "the same with the second connection's own pool free (direct): the same output"
TIDE_PG_SECOND_CONNECTION=1 tide --url "$URL" schema:inspect; expect_rc 0
[ "$stdout" = "$direct" ] || bad "with a second connection: $(diff <(printf '%s\n' "$direct") <(printf '%s\n' "$stdout") | head -n 8)"

finish
