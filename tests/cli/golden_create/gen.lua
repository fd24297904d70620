-- gen.lua DIALECT N [VERSION]: a deterministic definitions file for the
-- golden test of migration:create (tests/cli/golden_create.sh): N entities
-- using many DSL words, in the dialect's flavour. VERSION 2 changes some of
-- them (types, defaults, nullability, renames, drops, new tables, indexes).
local dialect, n, version = arg[1], tonumber(arg[2]), tonumber(arg[3] or 1)
local pg = dialect == "postgres"
local v2 = version == 2
local out = { "local t = require \"tide.schema\"\nreturn {\n" }
local function w(s, ...) out[#out + 1] = select("#", ...) > 0 and s:format(...) or s end

local types = {
  ":integer()", ":bigint()", ":smallint()", ":boolean() :default(false)", ":real()", ":double()",
  ":text() :nullable()", ":varchar(120)", ":char(3) :nullable()", ":numeric(12, 2) :default(0)",
  ":numeric(8)", ":date() :nullable()", ":time() :nullable()", ":timestamp() :default \"CURRENT_TIMESTAMP\"",
  ":timestamptz() :nullable()", ":json() :nullable()", ":jsonb() :nullable()", ":uuid() :nullable()",
  ":bytea() :nullable()", ":blob() :nullable()", ":text() :default \"'none'\"",
  ":integer() :default(42) :comment \"the answer\"", ":varchar(40) :unique()",
  ":bigint() :nullable() :ignoreChanges { \"default\" }",
}
local actions = { "cascade", "restrict", "set null", "no action", "set default" }
local every = 7

for i = 0, n - 1 do
  local name = ("ent%04d"):format(i)
  local changed = v2 and i % every == 3
  if v2 and i % 41 == 5 then goto continue end                       -- dropped tables
  if v2 and i % 37 == 2 then
    w("  t.table \"%s_v2\" :renamedFrom \"%s\" {\n", name, name)      -- renamed tables
    name = name .. "_v2"
  elseif i % 50 == 9 and not pg then
    w("  t.table \"%s\" :strict() {\n", name)
  elseif i % 50 == 19 and not pg then
    w("  t.table \"%s\" :withoutRowid() {\n", name)
  elseif i % 50 == 29 and pg then
    w("  t.table \"%s\" :unlogged() :comment \"scratch %d\" {\n", name, i)
  else
    w("  t.table \"%s\" {\n", name)
  end
  if i % 50 == 19 and not pg then
    w("    t.col \"id\" :text() :primary(),\n")
  elseif pg and i % 13 == 4 then
    w("    t.col \"id\" :bigint() :identity(%s) :primary(),\n", i % 2 == 0 and "\"always\"" or "")
  elseif i % 5 == 1 then
    w("    t.col \"id\" :bigserial() :primary(),\n")
  else
    w("    t.col \"id\" :serial() :primary(),\n")
  end
  if i > 0 then
    local opts = i % 4 == 0 and "" or (", { onDelete = \"%s\"%s }"):format(actions[i % #actions + 1],
      i % 3 == 0 and ", onUpdate = \"cascade\"" or "")
    local parent = ("ent%04d"):format((i * 7) % i)
    if v2 and (i * 7) % i % 41 == 5 then parent = "ent0000" end
    if v2 and (i * 7) % i % 37 == 2 then parent = parent .. "_v2" end
    w("    t.col \"parent_id\" :integer() :nullable() :references(\"%s\", \"id\"%s),\n", parent, opts)
  end
  local ncols = 6 + i % 9
  for c = 1, ncols do
    local ty = types[(i + c * 5) % #types + 1]
    if ty:find(":unique()", 1, true) then ty = ":varchar(40) :unique()" end
    local cname = ("c%02d"):format(c)
    if changed and c == 1 then ty = ":varchar(200) :nullable()" end
    if changed and c == 2 then ty = ty:gsub(":nullable%(%)", "") .. " :default \"'x'\"" ; ty = ":text() :default \"'x'\"" end
    if v2 and i % 11 == 6 and i % 3 ~= 0 and c == 3 then
      w("    t.col \"%s_new\" %s :renamedFrom \"%s\",\n", cname, ty, cname)
    elseif v2 and i % 13 == 7 and ncols > 6 and c == ncols then
      -- dropped column
    else
      w("    t.col \"%s\" %s,\n", cname, ty)
    end
  end
  if i % 6 == 2 then
    local values = i % 12 == 2 and "{ \"draft\", \"live\", \"gone\" }" or "{ \"low\", \"mid\", \"high\" }"
    if v2 and i % 12 == 2 then values = "{ \"draft\", \"live\", \"gone\", \"archived\" }" end
    w("    t.col \"state\" :enum(\"%s\", %s) :default \"'%s'\",\n", i % 12 == 2 and "doc_state" or "level",
      values, i % 12 == 2 and "draft" or "low")
  end
  if pg and i % 8 == 5 then
    w("    t.col \"tags\" :array \"text\" :nullable(),\n")
    w("    t.col \"total\" :numeric(12, 2) :generated(\"c01 * 2\", { stored = true }),\n")
  end
  if not pg and i % 8 == 5 then
    w("    t.col \"slug\" :text() :nullable() :generated \"lower(c01)\",\n")
  end
  if v2 and i % 9 == 4 then w("    t.col \"added\" :integer() :default(0),\n") end
  -- indexes
  w("    t.index { \"c01\" },\n")
  if i % 3 == 0 then w("    t.index { \"c02\", \"c03 desc\", name = \"%s_pair\" },\n", name) end
  if i % 4 == 1 then w("    t.index { \"c04\", unique = true, where = \"c04 is not null\" },\n") end
  if i % 5 == 2 then w("    t.index { expression = \"lower(c01)\", name = \"%s_lower\" },\n", name) end
  if pg and i % 10 == 7 then w("    t.index { \"c02\", using = \"hash\", name = \"%s_hash\" },\n", name) end
  if pg and i % 10 == 3 then w("    t.index { \"c01\", include = { \"c02\" }, name = \"%s_incl\" },\n", name) end
  if v2 and i % 10 == 1 then w("    t.index { \"c05\", \"c01\" },\n") end
  if i % 7 == 3 then w("    t.unique { \"c01\", \"c02\"%s },\n", pg and ", deferrable = true" or ", onConflict = \"ignore\"") end
  if i % 4 == 2 then w("    t.check(\"%s_c06_ok\", \"c06 is not null or id > 0\"),\n", name) end
  if i % 9 == 8 and i > 1 then
    w("    t.col \"other_id\" :integer() :nullable(),\n")
    w("    t.foreign { \"other_id\", table = \"ent0001\", columns = { \"id\" }, onDelete = \"set null\", name = \"%s_other\" },\n", name)
  end
  w("  },\n")
  ::continue::
end
if v2 then
  for j = 1, 5 do
    w("  t.table \"fresh%d\" {\n    t.col \"id\" :serial() :primary(),\n    t.col \"note\" :text(),\n  },\n", j)
  end
end
-- objects beside the tables
for j = 0, 9 do
  local body = ("select id, c01 from ent%04d where id > %d"):format(j * 10, v2 and j == 3 and 10 or j)
  w("  t.view \"view%02d\" [[%s]],\n", j, body)
end
if pg then
  w("  t.sequence \"order_no\" [[as bigint start with %d]],\n", v2 and 20000 or 10000)
  w("  t.domain \"positive_int\" [[integer check (value > 0)]],\n")
  w("  t.func \"touch\" [[create function touch() returns trigger language plpgsql as $$ begin return new; end $$]],\n")
  w("  t.trigger \"ent0003_touch\" { table = \"ent0003\", sql = [[create trigger ent0003_touch before update on ent0003 for each row execute function touch()]] },\n")
  w("  t.materializedView \"mv_counts\" [[select count(*) as n from ent0000]],\n")
else
  w("  t.trigger \"ent0003_touch\" { table = \"ent0003\", sql = [[create trigger ent0003_touch after update on ent0003 begin select 1; end]] },\n")
  w("  t.virtualTable \"docs_search\" [[fts5(title, body)]],\n")
end
w("}\n")
io.write(table.concat(out))
