# The schema generator end to end on PostgreSQL (TIDE_TEST_PG_URL; cases in
# schemagen_cases.inc). The table the definitions do not cover lives in
# another namespace, as another application's would.
. "$(dirname "$0")/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
dbs=()
fresh_db() {
  local db="tide_schemagen_$$_$1"
  psql -qAt "$TIDE_TEST_PG_URL" -c "drop database if exists $db" -c "create database $db" >/dev/null
  dbs+=("$db"); URL="$base/$db"
}
q() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$URL" -c "$1"; }
expect_q() { local got; got=$(q "$1" 2>&1); [ "$got" = "$2" ] || bad "query '$1' gave '$got', expected '$2'"; }
db_gone() { [ -z "$(psql -qAt "$TIDE_TEST_PG_URL" -c "select 1 from pg_database where datname = '${1##*/}'")" ]; }
cleanup() { for db in "${dbs[@]}"; do psql -qAt "$TIDE_TEST_PG_URL" -c "drop database if exists $db" >/dev/null 2>&1; done; rm -rf "$work"; }
trap cleanup EXIT
FOREIGN="create schema if not exists other; create table other.legacy_audit (id integer primary key, what text)"
FOREIGN_NAME=other.legacy_audit
FOREIGN_SAME_NAMESPACE=0
. "$(dirname "$0")/schemagen_cases.inc"
gen_cases

t "--schema limits schema:create, inspect and drop to one namespace"
fresh_db ns; NS=$URL
mkdir -p schema; cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table "blog.post" { t.col "id" :serial() :primary(), t.col "title" :text() },
  t.table "shop.item" { t.col "id" :serial() :primary(), t.col "price" :integer() },
}
LUA
tide --url "$NS" --schema blog schema:create --run; expect_rc 0
q "select count(*) from blog.post" >/dev/null 2>&1 || bad "blog.post was not created"
q "select count(*) from shop.item" >/dev/null 2>&1 && bad "shop.item was created outside --schema blog"
tide --url "$NS" --schema blog schema:inspect; expect_rc 0; expect_out '"name": "post"'; expect_no '"name": "item"'
tide --url "$NS" schema:create --run; expect_rc 1          # blog.post is there already
tide --url "$NS" --schema shop schema:create --run; expect_rc 0
tide --url "$NS" --schema blog schema:drop --run; expect_rc 0
q "select count(*) from blog.post" >/dev/null 2>&1 && bad "blog.post survived"
q "select count(*) from shop.item" >/dev/null 2>&1 || bad "schema:drop --schema blog dropped shop.item"
tide --url "$NS" schema:update; expect_rc 0; expect_out 'create table "blog"."post"'

t "pg_dump --schema-only of A after schema:diff A->B --run equals B's"
write_v1
fresh_db pa; A=$URL; tide --url "$A" schema:create --run >/dev/null
sed -i 's/varchar(80)/varchar(300)/' schema/app.lua
fresh_db pb; B=$URL; tide --url "$B" schema:create --run >/dev/null
tide --url "$A" schema:diff --from "$A" --to "$B" --run; expect_rc 0
dump() { pg_dump --schema-only --no-owner --no-privileges "$1" | grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | sed '/^$/d' | sort; }
[ "$(dump "$A")" = "$(dump "$B")" ] || bad "pg_dump differs: $(diff <(dump "$A") <(dump "$B") | head -n 10)"

finish
