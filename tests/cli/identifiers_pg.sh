# Names that need quoting, end to end on PostgreSQL (TIDE_TEST_PG_URL; cases
# in identifiers_cases.inc), plus a table in a namespace whose name needs
# quoting too.
. "$(dirname "$0")/lib.sh"
PG_DB_PREFIX=idents PG_DB_POOL=1   # through the pool (TIDE_TEST_POOL_URL, pg_db.inc)
. "$(dirname "$0")/pg_db.inc"
expect_q() { local got; got=$(q "$1" 2>&1); [ "$got" = "$2" ] || bad "query '$1' gave '$got', expected '$2'"; }
. "$(dirname "$0")/identifiers_cases.inc"
ident_cases

t "a namespace named with quotes, spaces and unicode: create, up, drift, inspect, down"
fresh_db ns; rm -rf schema migrations; mkdir -p schema migrations
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table 'my "sch ema".user' {
    t.col "id"    :serial() :primary(),
    t.col "état"  :enum('my "sch ema".state', { "on", "off" }) :default "'on'",
  },
  t.table "日本.order" {
    t.col "id"   :serial()  :primary(),
    t.col "user" :integer() :references('my "sch ema".user', "id"),
  },
}
LUA
tide --url "$URL" migration:create --name ns; expect_rc 0
tide --url "$URL" migration:up; expect_rc 0; expect_out "1 migration applied."
q "insert into \"my \"\"sch ema\"\"\".\"user\" default values" >/dev/null
q "insert into \"日本\".\"order\" (\"user\") values (1)" >/dev/null
expect_q "select \"état\" from \"my \"\"sch ema\"\"\".\"user\"" "on"
tide --url "$URL" schema:drift; expect_rc 0; expect_out "No drift"
tide --url "$URL" migration:check; expect_rc 0
tide --url "$URL" schema:inspect; expect_rc 0; expect_out '"schema": "my \"sch ema\""'
tide --url "$URL" migration:down; expect_rc 0
q "select 1 from \"日本\".\"order\"" >/dev/null 2>&1 && bad "table 日本.order survived migration:down"

finish
