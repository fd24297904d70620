# CLI end-to-end against the test cluster (TIDE_TEST_PG_URL): run, masking,
# and the connection errors a user meets (refused port, wrong password,
# missing database).
. "$(dirname "$0")/lib.sh"
url=$TIDE_TEST_PG_URL
pw=tide-test-pw
hostport=$(printf '%s' "$url" | sed -E 's#.*@([^/]+)/.*#\1#')

t "run connects to PostgreSQL and binds ? parameters"
cat > pg.lua <<'LUA'
db:exec("drop table if exists cli_pg")
db:exec("create table cli_pg (id serial primary key, tags jsonb, ok boolean)")
db:exec("insert into cli_pg (tags, ok) values (?::jsonb, ?)", '{"a": 1, "b": 2}', true)
local r = db:exec("select id, ok, tags ? 'a' as has_a from cli_pg")[1]
print("row", r.id, r.ok, r.has_a, math.type(r.id))
print("url", db.url)
db:exec("drop table cli_pg")
LUA
tide --url "$url" run pg.lua
expect_rc 0; expect_out "row	1	true	true	integer"; expect_out "url	postgres://tide:***@"; expect_no "$pw"

t "TIDE_DATABASE_URL reaches run, and debug masks it"
TIDE_DATABASE_URL="$url" tide run pg.lua; expect_rc 0
TIDE_DATABASE_URL="$url" tide debug; expect_rc 0; expect_out "tide:***@"; expect_no "$pw"

t "a SQL error names the statement, SQLSTATE and database message"
echo 'db:exec("select * from no_such_relation_xyz")' > err.lua
tide --url "$url" run err.lua
expect_rc 1; expect_out "err.lua:1:"; expect_out "no_such_relation_xyz"; expect_out "sqlstate: 42P01"

t "a refused port fails fast, naming host and port, never the password"
start=$(date +%s)
tide --url "postgres://tide:$pw@127.0.0.1:1/tide_test" run pg.lua
expect_rc 1; expect_out "127.0.0.1:1"; expect_no "$pw"
[ $(( $(date +%s) - start )) -le 20 ] || bad "took more than 20 s (a refused port must fail at once, not wait for a connect timeout)"

t "a wrong password is an authentication failure, echoing no password"
tide --url "postgres://tide:not-the-pw@$hostport/tide_test" run pg.lua
expect_rc 1; expect_out "tide"; expect_no "not-the-pw"; expect_no "$pw"
case "$(printf '%s' "$out" | tr 'A-Z' 'a-z')" in *authentication*) ;; *) bad "no mention of authentication" ;; esac

t "a missing database is named"
tide --url "postgres://tide:$pw@$hostport/no_such_db_xyz" run pg.lua
expect_rc 1; expect_out "no_such_db_xyz"; expect_no "$pw"

t "an unknown connection option is named"
tide --url "$url?sslmod=require" run pg.lua
expect_rc 1; expect_out "sslmod"; expect_no "$pw"

finish
