# migration:lint end to end on PostgreSQL (TIDE_TEST_PG_URL; cases in
# lint_cases.inc), plus PostgreSQL's own rules: rewrites and long locks.
. "$(dirname "$0")/lib.sh"
PG_DB_PREFIX=lint PG_DB_POOL=1   # through the pool (TIDE_TEST_POOL_URL, pg_db.inc)
. "$(dirname "$0")/pg_db.inc"
fresh_db() { rm -rf migrations schema; pg_fresh_db "$@"; }
UNREACHABLE="postgres://tide@127.0.0.1:1/nowhere"
. "$(dirname "$0")/lint_cases.inc"
lint_cases

t "PostgreSQL: widening varchar or numeric, CONCURRENTLY, new tables and constant defaults pass"
base_project
mig Migration20260102000000_safe.sql <<'SQL'
-- tide:up
alter table item alter column name type varchar(100);
alter table item alter column note type text;
alter table item add column created timestamptz default now();
create table fresh (id integer primary key, v text);
create index fresh_v on fresh (v);
alter table item add column owner integer;
alter table item add constraint item_owner foreign key (owner) references fresh (id) not valid;
SQL
mig Migration20260103000000_idx.lua <<'LUA'
return {
  transactional = false,
  up = function(m) m:addSql [[create index concurrently item_name on item (name)]] end,
}
LUA
tide --url "$URL" migration:lint; expect_rc 0
expect_out "0 errors, 0 warnings, 1 info in 2 migrations"
expect_out "_idx:0: info partial-lint only partly linted: the dry run did not run it (transactional = false)"
expect_no "index-not-concurrent"; expect_no "table-rewrite"; expect_no "volatile-default"
expect_no "constraint-validated-inline"

t "PostgreSQL: rewrites, plain CREATE INDEX, volatile defaults, inline validation are warnings"
mig Migration20260102000000_safe.sql <<'SQL'
-- tide:up
alter table item alter column name type char(60);
create index item_note on item (note);
alter table item add column token uuid default gen_random_uuid();
create table fresh (id integer primary key);
alter table item add column owner integer;
alter table item add constraint item_owner foreign key (owner) references fresh (id);
alter table item alter column note set not null;
SQL
rm migrations/Migration20260103000000_idx.lua
tide --url "$URL" migration:lint; expect_rc 0
expect_out "_safe:1: warning table-rewrite changing item.name to char(60) rewrites the table (from varchar(50))"
expect_out "(the table has rows)"
expect_out "_safe:2: warning index-not-concurrent CREATE INDEX on item blocks writes"
expect_out "_safe:3: warning volatile-default"
expect_out "_safe:6: warning constraint-validated-inline adding a foreign key constraint to item"
expect_out "_safe:7: warning constraint-validated-inline SET NOT NULL on item.note"
expect_out "0 errors, 5 warnings"
[ "$(q "select count(*) from information_schema.columns where table_name = 'item' and column_name = 'token'")" = 0 ] \
  || bad "the dry run left a column behind"

t "PostgreSQL: narrowing a varchar is an error (and a rewrite)"
mig Migration20260102000000_safe.sql <<'SQL'
-- tide:up
alter table item alter column name type varchar(10);
SQL
tide --url "$URL" migration:lint; expect_rc 1
expect_out "error type-narrowed changes item.name from varchar(50) to varchar(10)"

t "PostgreSQL: a Lua DDL run through m.db is seen by the dry run"
mig Migration20260102000000_safe.sql <<'SQL'
-- tide:up
select 1;
SQL
mig Migration20260103000000_db.lua <<'LUA'
return { up = function(m) m.db:exec("create index " .. "item_code on item (code)") end }
LUA
tide --url "$URL" migration:lint; expect_rc 0
expect_out "_db:1: warning index-not-concurrent CREATE INDEX on item"
finish
