-- create_gen.lua N [PERCENT]: one definitions file of N entities (15 columns, an
-- index and a foreign key each); PERCENT of them get one column changed.
local n, pct = tonumber(arg[1]), tonumber(arg[2] or 0)
local types = { ":varchar(100)", ":text() :nullable()", ":numeric(12, 2) :default(0)",
  ":timestamptz() :default \"now()\"", ":boolean() :default(false)", ":bigint()",
  ":jsonb() :nullable()", ":uuid()", ":date() :nullable()", ":smallint() :default(1)",
  ":integer() :nullable()", ":double()", ":varchar(20) :nullable()" }
local out = { "local t = require \"tide.schema\"\nreturn {\n" }
local every = pct > 0 and math.floor(100 / pct) or nil
for i = 0, n - 1 do
  out[#out + 1] = ("  t.table \"e%05d\" {\n    t.col \"id\" :bigserial() :primary(),\n"):format(i)
  out[#out + 1] = ("    t.col \"parent_id\" :bigint() :nullable() :references(\"e%05d\", \"id\"),\n"):format(i > 0 and i - 1 or 0)
  for c = 1, 13 do
    local ty = types[c]
    if every and c == 1 and i % every == 0 then ty = ":varchar(200)" end
    out[#out + 1] = ("    t.col \"c%02d\" %s,\n"):format(c, ty)
  end
  out[#out + 1] = "    t.index { \"c01\", \"c06\" },\n  },\n"
end
out[#out + 1] = "}\n"
io.write(table.concat(out))
