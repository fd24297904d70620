# The migration toolkit end to end on PostgreSQL (cases in
# toolkit_cases.inc), each case in a fresh database of the test cluster
# (TIDE_TEST_PG_URL).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
PG_DB_PREFIX=toolkit PG_DB_POOL=1   # through the pool (TIDE_TEST_POOL_URL, pg_db.inc)
. "$(dirname "$0")/pg_db.inc"
. "$here/toolkit_cases.inc"
cases

new_case "helpers on a table of another namespace (schema.table)"
mig Migration20260101000000_crm <<'LUA'
local t = require "tide.schema"
return { up = function(m)
  m:createTable(t.table "crm.lead" { t.col "id" :integer() :primary(), t.col "name" :text() })
  m:execute("insert into crm.lead values (1, 'ann')")
  m:addColumn("crm.lead", t.col "score" :integer() :nullable())
  m:renameColumn("crm.lead", "name", "title")
  m:createIndex("crm.lead", t.index { "title" })
end, down = function(m) m:dropTable("crm.lead") end }
LUA
up; expect_rc 0
expect_q "select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns where table_schema = 'crm' and table_name = 'lead'" "id,title,score"
expect_q "select indexname from pg_indexes where schemaname = 'crm' order by 1" $'lead_pkey\nlead_title_idx'
expect_q "select title from crm.lead" "ann"
down; expect_rc 0
expect_q "select count(*) from information_schema.tables where table_schema = 'crm'" "0"
finish
