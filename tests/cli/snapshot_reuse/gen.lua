-- gen.lua N [flag=K ...]: N tables in the shape of tests/bench/create_gen.lua, for
-- tests/cli/snapshot_reuse.sh: change=K (c01 of table K widened), drop=K,
-- rename=K (renamedFrom), refkey (references name no column), pk=K (table
-- K's key column renamed), view=K (a view reads table K)
local n = tonumber(arg[1])
local f = { change = {}, drop = {}, rename = {}, pk = {}, view = {} }
local refkey = false
for i = 2, #arg do
  local k, v = arg[i]:match("^(%w+)=(%d+)$")
  if k then f[k][tonumber(v)] = true elseif arg[i] == "refkey" then refkey = true end
end
local types = { ":varchar(100)", ":text() :nullable()", ":numeric(12, 2) :default(0)",
  ":timestamptz() :default \"now()\"", ":boolean() :default(false)", ":bigint()",
  ":jsonb() :nullable()", ":uuid()", ":date() :nullable()", ":smallint() :default(1)",
  ":integer() :nullable()", ":double()", ":varchar(20) :nullable()" }
local out = { "local t = require \"tide.schema\"\nreturn {\n" }
local function name(i) return ("e%05d"):format(i) end
local function key(i) return f.pk[i] and "kid" or "id" end
for i = 0, n - 1 do
  if not f.drop[i] then
    if f.rename[i] then
      out[#out + 1] = ("  t.table \"r%05d\" :renamedFrom \"%s\" {\n"):format(i, name(i))
    else
      out[#out + 1] = ("  t.table \"%s\" {\n"):format(name(i))
    end
    out[#out + 1] = ("    t.col \"%s\" :bigserial() :primary(),\n"):format(key(i))
    local p = i > 0 and i - 1 or 0
    local pname = f.rename[p] and ("r%05d"):format(p) or name(p)
    if f.drop[p] then
      out[#out + 1] = "    t.col \"parent_id\" :bigint() :nullable(),\n"
    elseif refkey then
      out[#out + 1] = ("    t.col \"parent_id\" :bigint() :nullable() :references(\"%s\"),\n"):format(pname)
    else
      out[#out + 1] = ("    t.col \"parent_id\" :bigint() :nullable() :references(\"%s\", \"%s\"),\n"):format(pname, key(p))
    end
    for c = 1, 13 do
      local ty = types[c]
      if c == 1 and f.change[i] then ty = ":varchar(200)" end
      out[#out + 1] = ("    t.col \"c%02d\" %s,\n"):format(c, ty)
    end
    out[#out + 1] = "    t.index { \"c01\", \"c06\" },\n  },\n"
  end
end
for i = 0, n - 1 do
  if f.view[i] then
    out[#out + 1] = ("  t.view \"v_%s\" [[select id, c01 from %s]],\n"):format(name(i), name(i))
  end
end
out[#out + 1] = "}\n"
io.write(table.concat(out))
