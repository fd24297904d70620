# The example project of migrations/ on PostgreSQL (TIDE_TEST_PG_URL): the
# same files, unchanged, including CREATE INDEX CONCURRENTLY outside a transaction.
. "$(dirname "$0")/lib.sh"
cp -r "$TIDE_SOURCE_DIR/migrations" "$TIDE_SOURCE_DIR/examples" .
db="tide_example_$$"
psql -qAt "$TIDE_TEST_PG_URL" -c "drop database if exists $db" -c "create database $db" >/dev/null
trap 'psql -qAt "$TIDE_TEST_PG_URL" -c "drop database if exists $db" >/dev/null 2>&1; rm -rf "$work"' EXIT
URL="${TIDE_TEST_PG_URL%/*}/$db"

t "the example history applies, reverts to zero and applies again"
tide --url "$URL" migration:up; expect_rc 0; expect_out "4 migrations applied."
[ "$(psql -qAt "$URL" -c "select indexdef like '%orders_user_placed%' from pg_indexes where indexname = 'orders_user_placed'")" = t ] \
  || bad "index orders_user_placed missing"
tide --url "$URL" migration:down --to 0; expect_rc 0; expect_out "4 migrations reverted."
tide --url "$URL" migration:up; expect_rc 0

t "the example schema drawn from PostgreSQL: the same tables, keys and edge as on SQLite"
tide --url "$URL" schema:inspect --format mermaid; expect_rc 0
expect_out 'subgraph n0["default"]'; expect_out 'email varchar(255) UK'
expect_out '<br>id integer PK<br>user_id integer FK'; expect_out 't0 -->|"user_id → id"| t1'
tide --url "$URL" schema:inspect --format dot; expect_rc 0
printf '%s\n' "$stdout" | dot -Tsvg >/dev/null 2>dot.err || bad "dot refused PostgreSQL's diagram: $(cat dot.err)"

t "the example scripts run"
tide --url "$URL" run examples/report.lua; expect_rc 0; expect_out "Grace      Brewster Hopper       2      51.90"
tide --url "$URL" run examples/tour.lua; expect_rc 0; expect_out "transaction rolled back: true"

finish
