# A password never leaves tide (TIDE_TEST_PG_URL): from the URL (user:pw@,
# %-encoded, or ?password=) or from PGPASSWORD, it is in no output of any
# command (with -v, with --json, on success and on every kind of error), in
# no file tide writes (migrations, the snapshot, seeders, inspected
# definitions, a backup) and in no row of the tracking table. Every output
# and file is collected by `audit`, and the password searched for in all of
# them at the end (by its last characters, common to every spelling: plain,
# %-encoded, and written raw where it should have been encoded).
. "$(dirname "$0")/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
hostport=${base#*@}
admin="$TIDE_TEST_PG_URL"
role="tide_audit_$$" db="tide_audit_$$"
secret='S3cr3t@Zq93xK' encoded='S3cr3t%40Zq93xK'
URL="postgres://$role:$encoded@$hostport/$db"
cleanup() {
  psql -qAt "$admin" -c "drop database if exists $db" -c "drop role if exists $role" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
psql -qAt -v ON_ERROR_STOP=1 "$admin" -c "drop database if exists $db" -c "drop role if exists $role" \
  -c "create role $role login superuser password '$secret'" -c "create database $db owner $role" >/dev/null \
  || { echo "cannot create the role and database for the test"; exit 1; }
q() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$base/$db" -c "$1"; }

log="$work/audit.log"
: > "$log"
# audit ARGS...: runs tide ARGS (as `tide` does) and keeps what it printed
# (under a header without the arguments, which hold the password).
audit() { tide "$@"; printf '== tide ...%s\n%s\n' "${*: -1}" "$out" >> "$log"; }
# audit_env VAR=VALUE... -- ARGS...: the same with an environment.
audit_env() {
  local env=()
  while [ "$1" != -- ]; do env+=("$1"); shift; done; shift
  stdout=$(env "${env[@]}" ${TIDE_WRAP:-} "$TIDE_BIN" "$@" 2>"$work/.stderr" </dev/null); rc=$?
  out="$stdout"$'\n'"$(cat "$work/.stderr")"
  printf '== tide ...%s\n%s\n' "${*: -1}" "$out" >> "$log"
}

mkdir -p schema migrations seeders
cat > schema/app.lua <<'LUA'
local t = require "tide.schema"
return t.table "account" {
  t.col "id"    :serial() :primary(),
  t.col "email" :text()   :unique(),
}
LUA
cat > tide.lua <<LUA
return { url = "$URL" }
LUA
cat > report.lua <<'LUA'
print(tostring(db), db.dialect)
for row in db:query("select current_user as u") do print(row.u) end
LUA

t "every command, with -v and --json, on success"
audit -v debug; expect_rc 0; expect_out "$role:***@"
audit --json debug; expect_rc 0
audit -v migration:create --name accounts; expect_rc 0
audit -v migration:create --blank --name empty; expect_rc 0
audit -v migration:check; expect_rc 0
audit -v migration:up --dry-run; expect_rc 0
audit -v migration:up --backup "$work/before.dump"; expect_rc 0
audit --json migration:up; expect_rc 0
audit -v migration:list; audit --json migration:list; expect_rc 0
audit -v migration:pending; audit -v migration:validate; expect_rc 0
audit -v schema:drift; expect_rc 0
audit -v schema:inspect; audit --json schema:inspect; expect_rc 0
audit -v schema:inspect --format lua --out "$work/inspected"; expect_rc 0
audit -v schema:update; audit -v schema:create; expect_rc 0
audit -v schema:diff --from "$URL" --to definitions; expect_rc 0
audit -v seeder:create AccountSeeder; expect_rc 0
audit -v seeder:run --class AccountSeeder; expect_rc 0
audit -v run report.lua; expect_rc 0; expect_out "$role"
audit -v migration:down; expect_rc 0
audit -v migration:fresh; expect_rc 0

t "errors: wrong password, unreachable server, bad URLs, bad options, failing SQL"
audit -v --url "postgres://$role:Wr0ng-Pw-77@$hostport/$db" migration:list; expect_rc 1; expect_out "authentication failed"
audit -v --url "postgres://$role:$encoded@127.0.0.1:1/$db" migration:up; expect_rc 1
audit -v --url "postgres://$role:$encoded@$hostport:77/$db" migration:up; expect_rc 1
audit -v --url "postgres://$role:$encoded@$hostport/$db#frag" migration:up; expect_rc 1
audit -v --url "postgres://$role:$encoded@$hostport/$db?bogus=1" migration:up; expect_rc 1
audit -v --url "postgres://$role:$encoded@$hostport/no_such_db_$$" migration:up; expect_rc 1
audit -v --url "postgres://$role@$hostport/$db?password=$encoded" debug; expect_rc 0; expect_out "password=***"
audit -v --url "postgres://$role@$hostport/$db?password=$encoded&sslmode=bogus" migration:list; expect_rc 1
audit -v schema:diff --from "postgres://$role:$encoded@127.0.0.1:1/x" --to definitions; expect_rc 1
for raw in 'S3cr3t/Zq93xK' 'S3cr3t?Zq93xK' 'S3cr3t#Zq93xK' '12/Zq93xK'; do    # should have been %-encoded
  audit -v --url "postgres://$role:$raw@$hostport/$db" migration:list; expect_rc 1; expect_out "%-encoded"
  audit --url "postgres://$role:$raw@$hostport/$db" debug
done
cat > migrations/Migration29990101000000_fails.lua <<'LUA'
return { up = function(m) m:execute("select * from no_such_table where x = ?", "v") end }
LUA
audit -v migration:up; expect_rc 1; expect_out "no_such_table"
audit_env TIDE_VERBOSE=1 -- migration:up; expect_rc 1
rm migrations/Migration29990101000000_fails.lua

t "a tide.lua whose syntax or run fails next to the URL, and TIDE_DATABASE_URL"
cp tide.lua tide.lua.good
printf 'return { x = 1 "%s" }\n' "$URL" > tide.lua
audit -v debug; expect_rc 1; expect_out "expected near"
printf 'local u = "%s"\nerror("cannot use " .. u)\n' "$URL" > tide.lua
audit -v migration:up; expect_rc 1; expect_out "cannot use"
mv tide.lua.good tide.lua
audit_env "TIDE_DATABASE_URL=$URL" -- -v debug; expect_rc 0
audit_env "TIDE_DATABASE_URL=$URL" -- --json migration:list; expect_rc 0

t "PGPASSWORD from the environment: right and wrong"
audit_env "PGPASSWORD=$secret" -- -v --url "postgres://$role@$hostport/$db" migration:list; expect_rc 0
audit_env "PGPASSWORD=$secret" -- --json --url "postgres://$role@$hostport/$db" debug; expect_rc 0
audit_env "PGPASSWORD=$secret" -- -v --url "postgres://$role@127.0.0.1:1/$db" migration:list; expect_rc 1
audit_env "PGPASSWORD=Wr0ng-$secret" -- -v --url "postgres://$role@$hostport/$db" migration:list; expect_rc 1

t "the password is in no output, no file tide wrote and no tracking row"
audit -v migration:up; expect_rc 0
q "select * from tide_migrations" >> "$log" || bad "cannot read the tracking table"
[ -s "$work/before.dump" ] || bad "the backup was not written"
ls migrations/*.lua migrations/.snapshot-*.json seeders/*.lua "$work"/inspected/*.lua >/dev/null || bad "a file is missing"
grep -c . "$log" >/dev/null || bad "nothing was audited"
for f in "$log" migrations/* migrations/.snapshot-* seeders/* "$work"/inspected/* "$work/before.dump"; do
  if grep -aqF -e "Zq93xK" -e "Wr0ng-" "$f"; then       # the end of every password used
    bad "the password is in $f: $(grep -aF -e "Zq93xK" -e "Wr0ng-" "$f" | head -n 3)"
  fi
done

finish
