# migration:lint end to end on SQLite (cases in lint_cases.inc), plus what
# only SQLite has: tide's table rebuild is judged by what it does.
. "$(dirname "$0")/lib.sh"
n=0
fresh_db() { n=$((n + 1)); rm -rf migrations schema; URL="sqlite:$work/lint$n.db"; }
q() { sqlite3 -separator '|' "${URL#sqlite:}" "$1"; }
UNREACHABLE="sqlite:$work/no/such/dir/app.db"
. "$(dirname "$0")/lint_cases.inc"
lint_cases

t "SQLite: a generated rebuild is not a table drop; what it loses is reported"
fresh_db
mkdir -p schema
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return t.table "user" { t.col "id" :serial() :primary(), t.col "email" :varchar(255), t.col "phone" :varchar(50) :nullable() }
LUA
tide --url "$URL" migration:create --name init >/dev/null; tide --url "$URL" migration:up >/dev/null
q "insert into user (email, phone) values ('a@b', '1')"
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return t.table "user" { t.col "id" :serial() :primary(), t.col "email" :varchar(100), t.col "phone" :varchar(50) :nullable() }
LUA
tide --url "$URL" migration:create --name narrow >/dev/null
grep -q 'drop table "user"' migrations/*_narrow.lua || bad "expected a rebuild in the generated migration"
tide --url "$URL" migration:lint; expect_rc 1
expect_out "error type-narrowed rebuilding table user narrows column email from varchar(255) to varchar(100)"
expect_no "table-dropped"; expect_no "column-dropped"; expect_no "partial-lint"
[ "$(q "select email from user")" = "a@b" ] || bad "the dry run changed the data"
finish
