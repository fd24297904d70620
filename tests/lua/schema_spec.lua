-- The schema DSL (lua/tide/schema.lua, SPEC 6): every feature yields the
-- expected definition table, and misuse raises at the line that wrote it,
-- naming the table and column. When tide.core exposes checkSchema, the
-- definitions also go through the native converter and finish.
local t = require "tide.schema"

local ok_core, core = pcall(require, "tide.core")
local checkSchema = ok_core and type(core) == "table" and core.checkSchema or nil

-- The error f raises (a string), asserting that it raises.
local function catch(f)
  local ok, e = pcall(f)
  assert.is_false(ok, "expected an error")
  return tostring(e)
end

-- Asserts that f raises a message containing every needle (plain text).
local function raises(f, ...)
  local e = catch(f)
  for _, needle in ipairs { ... } do
    assert(e:find(needle, 1, true), ("expected %q in %q"):format(needle, e))
  end
  return e
end

local function col(name, fields)
  fields.__tide, fields.name = "column", name
  return fields
end

local function tbl(name, fields)
  local d = { __tide = "table", name = name, columns = {}, indexes = {}, uniques = {},
              foreigns = {}, checks = {} }
  for k, v in pairs(fields) do d[k] = v end
  return d
end

local here = debug.getinfo(1, "S").short_src

-- "<this file>:<line>:" of the line that calls it (errors point there).
local function line_of_caller()
  return here .. ":" .. debug.getinfo(2, "l").currentline .. ":"
end

describe("tide.schema definitions", function()
  it("turns the example of SPEC 6 into a table definition", function()
    local def = t.table "user" {
      t.col "id"      :serial()      :primary(),
      t.col "email"   :varchar(255)  :unique(),
      t.col "name"    :text()        :nullable() :default "'anonymous'",
      t.col "phone"   :varchar(32)   :nullable() :renamedFrom "phone_number",
      t.col "org_id"  :integer()     :references("org", "id", { onDelete = "cascade" }),
      t.col "status"  :enum("user_status", { "active", "banned" }),
      t.index { "name" },
      t.check("email_has_at", "email like '%@%'"),
    }
    assert.are.same(tbl("user", {
      columns = {
        col("id", { type = "integer", autoincrement = true, primary = true }),
        col("email", { type = "varchar(255)", unique = true }),
        col("name", { type = "text", nullable = true, default = "'anonymous'" }),
        col("phone", { type = "varchar(32)", nullable = true, renamedFrom = "phone_number" }),
        col("org_id", { type = "integer", references = { table = "org", column = "id", onDelete = "cascade" } }),
        col("status", { type = "user_status", enum = { "active", "banned" } }),
      },
      indexes = { { __tide = "index", columns = { "name" } } },
      checks = { { __tide = "check", name = "email_has_at", expr = "email like '%@%'" } },
    }), def)
  end)

  it("gives every type its tide type", function()
    local cases = {
      { t.col "a" :integer(), "integer" }, { t.col "a" :bigint(), "bigint" },
      { t.col "a" :smallint(), "smallint" }, { t.col "a" :boolean(), "boolean" },
      { t.col "a" :real(), "real" }, { t.col "a" :double(), "double" },
      { t.col "a" :numeric(), "numeric" }, { t.col "a" :numeric(10), "numeric(10)" },
      { t.col "a" :numeric(10, 2), "numeric(10,2)" }, { t.col "a" :numeric(5.0, 0), "numeric(5,0)" },
      { t.col "a" :text(), "text" }, { t.col "a" :varchar(), "varchar" },
      { t.col "a" :varchar(80), "varchar(80)" }, { t.col "a" :char(2), "char(2)" },
      { t.col "a" :char(), "char(1)" }, { t.col "a" :date(), "date" }, { t.col "a" :time(), "time" },
      { t.col "a" :timestamp(), "timestamp" }, { t.col "a" :timestamptz(), "timestamptz" },
      { t.col "a" :json(), "json" }, { t.col "a" :jsonb(), "jsonb" }, { t.col "a" :uuid(), "uuid" },
      { t.col "a" :bytea(), "bytea" }, { t.col "a" :blob(), "bytea" },
      { t.col "a" :array "text", "text[]" }, { t.col "a" :array "varchar(20)", "varchar(20)[]" },
      { t.col "a" :array "blob", "bytea[]" }, { t.col "a" :type "inet", "inet" },
      { t.col "a" :type "double precision", "double precision" },
    }
    for _, c in ipairs(cases) do
      local def = t.table "x" { c[1] }
      assert.are.equal(c[2], def.columns[1].type)
      assert.is_nil(def.columns[1].autoincrement)
    end
  end)

  it("makes serial types autoincrementing integers", function()
    local def = t.table "x" {
      t.col "a" :serial() :primary(), t.col "b" :bigserial(), t.col "c" :smallserial(),
    }
    assert.are.same({ "integer", "bigint", "smallint" },
      { def.columns[1].type, def.columns[2].type, def.columns[3].type })
    for i = 1, 3 do assert.is_true(def.columns[i].autoincrement) end
  end)

  it("records every column modifier", function()
    local def = t.table "x" {
      t.col "a" :integer() :nullable() :default(0) :comment "the a" :renamedFrom "old_a"
        :ignoreChanges { "type", "default" } :collate "C" :unique "x_a_uq",
      t.col "b" :boolean() :default(false) :nullable(false) :unique { name = "x_b_uq" },
      t.col "c" :text() :ignoreChanges "extra",
      t.col "d" :timestamptz() :default "now()",
    }
    assert.are.same(col("a", { type = "integer", nullable = true, default = "0", comment = "the a",
      renamedFrom = "old_a", ignoreChanges = { "type", "default" }, collate = "C", unique = "x_a_uq" }),
      def.columns[1])
    assert.are.same(col("b", { type = "boolean", default = "false", unique = "x_b_uq" }), def.columns[2])
    assert.are.same({ "extra" }, def.columns[3].ignoreChanges)
    assert.are.equal("now()", def.columns[4].default)
  end)

  it("records references with every option, and without a column", function()
    local def = t.table "x" {
      t.col "a" :integer() :references("audit.org", "id", { onDelete = "SET NULL", onUpdate = "noAction",
        name = "x_a_fk", deferrable = true, initiallyDeferred = true }),
      t.col "b" :integer() :references("org", { onDelete = "set_default" }),
      t.col "c" :integer() :references("org", "id", { initiallyDeferred = true, onUpdate = "Restrict" }),
      t.col "d" :integer() :references "org",
    }
    assert.are.same({ table = "org", schema = "audit", column = "id", onDelete = "set null",
      onUpdate = "no action", name = "x_a_fk", deferrable = true, initiallyDeferred = true },
      def.columns[1].references)
    assert.are.same({ table = "org", onDelete = "set default" }, def.columns[2].references)
    assert.are.same({ table = "org", column = "id", onUpdate = "restrict", deferrable = true,
      initiallyDeferred = true }, def.columns[3].references)
    assert.are.same({ table = "org" }, def.columns[4].references)
  end)

  it("records enums with their values", function()
    local def = t.table "x" { t.col "s" :enum("app.state", { "a", "b" }) :default "'a'" }
    assert.are.same(col("s", { type = "app.state", enum = { "a", "b" }, default = "'a'" }), def.columns[1])
  end)

  it("records schema-qualified tables, comments and renames", function()
    local def = t.table "audit.log" :renamedFrom "audit.old_log" :comment "what happened" {
      t.col "id" :integer(),
    }
    assert.are.equal("log", def.name)
    assert.are.equal("audit", def.schema)
    assert.are.equal("audit.old_log", def.renamedFrom)
    assert.are.equal("what happened", def.comment)
    local plain = t.table "log" :comment "c" { t.col "id" :integer() }
    assert.is_nil(plain.schema)
    assert.is_nil(plain.renamedFrom)
  end)

  it("records table items", function()
    local def = t.table "x" {
      t.col "a" :integer(), t.col "b" :text(), t.col "c" :timestamptz(),
      t.primary { "a", "b", name = "x_pk" },
      t.index { "b", "c DESC", name = "x_bc", unique = true, where = "a > 0", using = "BTREE" },
      t.index { "a", "b", "c nulls first", desc = { "b", "c" } },
      t.index { "a ASC", "c desc NULLS last" },
      t.index { expression = "lower(b)", name = "x_lower_b" },
      t.index { "b", using = "gin" },
      t.unique { "a", "c" },
      t.unique { "b", name = "x_b_key" },
      t.foreign { "a", "b", table = "other.y", columns = { "p", "q" }, onDelete = "cascade",
                  onUpdate = "restrict", name = "x_y_fk", deferrable = true },
      t.foreign { "a", table = "y", columns = "p", initiallyDeferred = true },
      t.foreign { "c", table = "z" },
      t.check("a_positive", "a > 0"),
    }
    assert.are.same({ __tide = "primary", columns = { "a", "b" }, name = "x_pk" }, def.primary)
    assert.are.same({
      { __tide = "index", columns = { "b", "c desc" }, name = "x_bc", unique = true, where = "a > 0",
        using = "btree" },
      { __tide = "index", columns = { "a", "b desc", "c desc nulls first" } },
      { __tide = "index", columns = { "a", "c desc nulls last" } },
      { __tide = "index", columns = {}, expression = "lower(b)", name = "x_lower_b" },
      { __tide = "index", columns = { "b" }, using = "gin" },
    }, def.indexes)
    assert.are.same({
      { __tide = "unique", columns = { "a", "c" } },
      { __tide = "unique", columns = { "b" }, name = "x_b_key" },
    }, def.uniques)
    assert.are.same({
      { __tide = "foreign", columns = { "a", "b" }, table = "y", schema = "other", refColumns = { "p", "q" },
        onDelete = "cascade", onUpdate = "restrict", name = "x_y_fk", deferrable = true },
      { __tide = "foreign", columns = { "a" }, table = "y", refColumns = { "p" }, deferrable = true,
        initiallyDeferred = true },
      { __tide = "foreign", columns = { "c" }, table = "z" },
    }, def.foreigns)
    assert.are.same({ { __tide = "check", name = "a_positive", expr = "a > 0" } }, def.checks)
  end)

  it("keeps column order, and shares one builder between tables", function()
    local id = t.col "id" :serial() :primary()
    local a = t.table "a" { id, t.col "z" :text(), t.col "m" :text(), t.col "b" :text() }
    local b = t.table "b" { id }
    local names = {}
    for i, c in ipairs(a.columns) do names[i] = c.name end
    assert.are.same({ "id", "z", "m", "b" }, names)
    assert.are.same(a.columns[1], b.columns[1])
  end)

  it("accepts plain column definitions among the items", function()
    local a = t.table "a" { t.col "id" :integer() }
    local b = t.table "b" { a.columns[1] }
    assert.are.equal("id", b.columns[1].name)
  end)

  it("produces plain data", function()
    local def = t.table "a" { t.col "id" :integer() :references("b", "id") }
    assert.is_nil(getmetatable(def))
    assert.is_nil(getmetatable(def.columns[1]))
    assert.is_nil(getmetatable(def.columns[1].references))
  end)
end)

describe("tide.schema misuse", function()
  it("refuses a second type", function()
    raises(function() local c = t.col "a" :integer() :text() return c end,
      "column 'a'", "the type is given twice", ":text()")
    raises(function() local c = t.col "a" :serial() :enum("e", { "x" }) return c end, "type is given twice")
  end)

  it("points at the line and names the table and the column", function()
    local where
    local e = catch(function()
      return t.table "user" {
        t.col "id" :serial() :primary(),
        (function() where = line_of_caller() end)() or t.col "name" :varchar(-1),
      }
    end)
    assert(e:find(where, 1, true), e .. " / " .. where)
    assert(e:find("table 'user', column 'name': :varchar(n): the length must be a whole number", 1, true), e)
  end)

  it("checks lengths, precisions and scales", function()
    raises(function() local c = t.col "a" :varchar(-1) return c end, "column 'a'", "varchar(n)", "-1")
    raises(function() local c = t.col "a" :varchar(0) return c end, "from 1 to")
    raises(function() local c = t.col "a" :varchar(2.5) return c end, "2.5")
    raises(function() local c = t.col "a" :varchar "10" return c end, "'10'")
    raises(function() local c = t.col "a" :char(0) return c end, ":char(n)")
    raises(function() local c = t.col "a" :numeric(0) return c end, "precision")
    raises(function() local c = t.col "a" :numeric(5, 6) return c end, "scale")
    raises(function() local c = t.col "a" :numeric(nil, 2) return c end, "a scale needs a precision")
  end)

  it("refuses arguments to types that take none", function()
    raises(function() local c = t.col "a" :integer(4) return c end, ":integer() takes no arguments")
    raises(function() local c = t.col "a" :integer() :primary(true) return c end,
      ":primary(options): options must be a table, e.g. :primary { onConflict = \"replace\" }")
  end)

  it("refuses enums without values or with bad ones", function()
    raises(function() local c = t.col "a" :enum "e" return c end, "column 'a'", "needs its values")
    raises(function() local c = t.col "a" :enum("e", 1) return c end, "needs its values")
    -- {} is an enum with no values yet (PostgreSQL's CREATE TYPE e AS ENUM ())
    assert.same({}, (t.table "x" { t.col "a" :enum("e", {}) }).columns[1].enum)
    raises(function() local c = t.col "a" :enum("e", { "x", "x" }) return c end, "'x' is listed twice")
    raises(function() local c = t.col "a" :enum("e", { "x", 2 }) return c end, "value 2 must be a string, not a number")
    raises(function() local c = t.col "a" :enum("a.b.c", { "x" }) return c end, "not a valid name")
  end)

  it("refuses bad arrays and raw types", function()
    raises(function() local c = t.col "a" :array() return c end, ":array(type)")
    raises(function() local c = t.col "a" :array "serial" return c end, "use :array \"integer\"")
    raises(function() local c = t.col "a" :type() return c end, ":type(sql)")
    raises(function() local c = t.col "a" :type(1) return c end, ":type(sql)")
  end)

  it("takes :type \"\" for a column declared with no type", function()
    local tb = t.table "x" { t.col "a" :type "" :nullable() }
    assert.are.equal("", tb.columns[1].type)
  end)

  it("refuses a modifier given twice", function()
    raises(function() local c = t.col "a" :integer() :default "1" :default "2" return c end, ":default() is given twice")
    raises(function() local c = t.col "a" :integer() :primary() :primary() return c end, ":primary() is given twice")
    raises(function() local c = t.col "a" :integer() :references("b", "id") :references("c", "id") return c end,
      ":references() is given twice")
  end)

  it("checks modifier arguments", function()
    raises(function() local c = t.col "a" :integer() :default() return c end, "needs an SQL expression",
      "leave it out")
    raises(function() local c = t.col "a" :integer() :default {} return c end, "needs an SQL expression")
    raises(function() local c = t.col "a" :integer() :nullable "yes" return c end, "true or false")
    raises(function() local c = t.col "a" :integer() :comment(3) return c end, ":comment(text) needs a string")
    raises(function() local c = t.col "a" :integer() :renamedFrom() return c end, "old name")
    raises(function() local c = t.col "a" :integer() :collate() return c end, "collation")
    raises(function() local c = t.col "a" :integer() :ignoreChanges { "typ" } return c end,
      "'typ' is not something a diff can ignore; did you mean 'type'?")
    raises(function() local c = t.col "a" :integer() :unique { nme = "x" } return c end, "did you mean 'name'?")
  end)

  it("suggests the closest option of references and index", function()
    raises(function() local c = t.col "a" :integer() :references("o", "id", { ondelete = "cascade" }) return c end,
      "column 'a'", "unknown option 'ondelete'; did you mean 'onDelete'?")
    raises(function() local c = t.col "a" :integer() :references("o", "id", { onDelete = "cascad" }) return c end,
      "'cascad' is not a foreign key action; did you mean 'cascade'?")
    raises(function() local c = t.col "a" :integer() :references("o", "id", { initiallyDeferred = true,
      deferrable = false }) return c end, "initiallyDeferred needs deferrable")
    raises(function() local c = t.col "a" :integer() :references("o", "id", "cascade") return c end,
      "options must be a table")
    raises(function() local c = t.col "a" :integer() :references() return c end, "the table")
    raises(function() local i = t.index { "a", uniq = true } return i end, "unknown option 'uniq'; did you mean 'unique'?")
    raises(function() local i = t.index { "a", wehre = "x" } return i end, "did you mean 'where'?")
    raises(function() local i = t.index { "a", zzzzzzzz = 1 } return i end, "(known: name, unique, where")
    raises(function() local f = t.foreign { "a", table = "b", ondelete = "cascade" } return f end,
      "did you mean 'onDelete'?")
  end)

  it("names the misspelt method and the closest one", function()
    raises(function() local c = t.col "a" :varchr(10) return c end, "column 'a': no method :varchr(); did you mean :varchar()?")
    raises(function() local c = t.col "a" :integer() :nulable() return c end, "did you mean :nullable()?")
    raises(function() local c = t.col "a" :integer() :frobnicate() return c end, "no method :frobnicate()",
      "a column takes a type")
    raises(function() local b = t.table "x" :coment "c" return b end, "table 'x': no method :coment(); did you mean 'comment'?")
  end)

  -- t.col is a C builder (src/lua/dsl.c) whose usual methods run in C: a
  -- mistake in one of them, or a rarer method after them, runs the Lua
  -- method, at the user's line, with the fields the C methods set
  it("says the same from the C builders as from the Lua ones", function()
    local line = debug.getinfo(1, "l").currentline
    local e = raises(function() local c = t.col "a" :varchar(10) :integer() return c end,
      "column 'a': the type is given twice (it is varchar(10) already, then :integer())")
    assert.truthy(e:find("schema_spec.lua:" .. (line + 1) .. ":", 1, true), e)
    raises(function() local c = t.col "a" :numeric(12, 13) return c end, ":numeric(p, s): the scale must be a whole number from 0 to 12, not 13")
    raises(function() local c = t.col "a" :integer() :default(1) :default(2) return c end, ":default() is given twice")
    raises(function() local c = t.col "a" :integer() :nullable() :nullable() return c end, ":nullable() is given twice")
    raises(function() local c = t.col "a" :integer() :references("x") :references("y") return c end, ":references() is given twice")
    raises(function() local c = t.col "a" :bigserial() :default "1" return t.table "x" { c } end,
      "table 'x', column 'a': a serial column takes its default from its sequence")
    raises(function() local b = t.col "a" return b.integer() end, "write b:method(), not b.method()")
    local def = t.table "x" {
      t.col "a" :numeric(12.0, 2) :default(-3) :nullable(false) :unique() :comment "c",
      t.col "b" :char() :default(true) :references("y") :nullable(),
      t.col "c" :varchar() :default(1.5) :primary() :references("y", "id"),
    }
    assert.are.same(col("a", { type = "numeric(12,2)", default = "-3", unique = true, comment = "c" }), def.columns[1])
    assert.are.same(col("b", { type = "char(1)", default = "true", nullable = true, references = { table = "y" } }),
      def.columns[2])
    assert.are.same(col("c", { type = "varchar", default = "1.5", primary = true,
      references = { table = "y", column = "id" } }), def.columns[3])
    def = t.table "x" {
      t.col "a" :integer() :comment "c" :references("y", "id", { onDelete = " Set  NULL", onUpdate = "noAction" }),
      t.col "b" :integer() :references("y", { onUpdate = "set_default" }),
      t.col "c" :integer() :references("y", nil, { onDelete = "cascade" }),
    }
    assert.are.same(col("a", { type = "integer", comment = "c",
      references = { table = "y", column = "id", onDelete = "set null", onUpdate = "no action" } }), def.columns[1])
    assert.are.same({ table = "y", onUpdate = "set default" }, def.columns[2].references)
    assert.are.same({ table = "y", onDelete = "cascade" }, def.columns[3].references)
    raises(function() local c = t.col "a" :integer() :comment "x" :comment "y" return c end, ":comment() is given twice")
    raises(function() local c = t.col "a" :integer() :references("y", { onDelete = "nope" }) return c end,
      ":references(): onDelete: 'nope' is not a foreign key action")
    raises(function() local c = t.col "a" :integer() :references("y", { ondelete = "cascade" }) return c end,
      ":references(): unknown option 'ondelete'; did you mean 'onDelete'?")
  end)

  it("checks index, unique, foreign and check items", function()
    raises(function() local i = t.index {} return i end, "t.index needs columns")
    raises(function() local i = t.index { "a", expression = "lower(a)" } return i end, "not both")
    raises(function() local i = t.index { "a b" } return i end, "'a b' is not a column entry")
    raises(function() local i = t.index { "a", desc = { "b" } } return i end, "desc names 'b'")
    raises(function() local i = t.index { "a", unique = "yes" } return i end, "unique must be true or false")
    raises(function() local i = t.index { 1 } return i end, "entry 1 must be a column name")
    raises(function() local i = t.index "a" return i end, "t.index needs a table")
    raises(function() local u = t.unique {} return u end, "t.unique needs at least one column")
    raises(function() local p = t.primary {} return p end, "t.primary needs at least one column")
    raises(function() local f = t.foreign { table = "b" } return f end, "t.foreign needs its columns")
    raises(function() local f = t.foreign { "a" } return f end, "t.foreign: table =")
    raises(function() local f = t.foreign { "a", "b", table = "t", columns = { "x" } } return f end,
      "2 columns reference 1 column")
    raises(function() local c = t.check("x") return c end, "t.check(name, expr)")
  end)

  it("refuses the primary key given twice", function()
    local where
    local e = raises(function()
      where = line_of_caller() return t.table "user" {
        t.col "id" :integer() :primary(),
        t.primary { "id" },
      }
    end, "table 'user': the primary key is given twice", "column 'id' has :primary()")
    assert(e:find(where, 1, true), e)
    raises(function() return t.table "x" { t.col "a" :integer(), t.primary { "a" }, t.primary { "a" } } end,
      "t.primary is given twice")
  end)

  it("makes two :primary() columns one composite key", function()
    local def = t.table "x" { t.col "a" :integer() :primary(), t.col "b" :integer() :primary() }
    assert.is_true(def.columns[1].primary and def.columns[2].primary)
    assert.is_nil(def.primary)
  end)

  it("declares a namespace with t.schema and lets a child table have no column of its own", function()
    assert.same({ __tide = "namespace", name = "staging" }, t.schema "staging")
    raises(function() return t.schema "a.b" end, "a schema's name must be a non-empty string without a dot")
    raises(function() return t.schema(1) end, "not a number")
    local child = t.table "c" :inherits "p" { t.check("c_positive", "id > 0") }
    assert.same({}, child.columns)
  end)

  it("checks the table as a whole", function()
    assert.same({}, t.table "x" {}.columns)     -- PostgreSQL's CREATE TABLE x (); SQLite's driver refuses it
    raises(function() return t.table "x" { t.col "a" } end, "table 'x', column 'a': the column has no type")
    raises(function() return t.table "x" { t.col "a" :integer(), t.col "a" :text() } end,
      "column 'a' is defined twice")
    raises(function() return t.table "x" { t.col "a" :integer(), t.index { "b" } } end,
      "t.index names column 'b', which the table does not have; did you mean 'a'?")
    raises(function() return t.table "x" { t.col "a" :integer(), t.index { "b desc nulls last" } } end,
      "names column 'b'")
    raises(function() return t.table "x" { t.col "a" :integer(), t.unique { "b" } } end, "t.unique names column 'b'")
    raises(function() return t.table "x" { t.col "a" :integer(), t.primary { "b" } } end, "t.primary names column 'b'")
    raises(function() return t.table "x" { t.col "a" :integer(), t.foreign { "b", table = "y" } } end,
      "t.foreign names column 'b'")
    raises(function() return t.table "x" { t.col "a" :serial() :default "1" } end,
      "a serial column takes its default from its sequence")
    raises(function() return t.table "x" { t.col "a" :integer(), "b" } end, "item 2 is not a column", "a string")
    raises(function() return t.table "x" { t.col "a" :integer(), nil, t.col "b" :text() } end,
      "item 2 is not a column", "hole")
    raises(function() return t.table "x" { t.col "a" :integer(), name = "y" } end, "unexpected key 'name'")
    raises(function() return t.table "x" (t.col "a" :integer()) end, "is called with a list of items")
    raises(function() return t.table "x" { t.table "y" { t.col "a" :integer() } } end, "item 1", "a table")
  end)

  it("refuses bad names", function()
    raises(function() local b = t.table "a.b.c" return b end, "not a valid name")
    raises(function() local b = t.table "" return b end, "non-empty")
    raises(function() local c = t.col "" return c end, "t.col(name)")
    raises(function() local c = t.col(nil) return c end, "t.col(name)")
    raises(function() local b = t.table "x" :renamedFrom "a" :renamedFrom "b" return b end,
      ":renamedFrom() is given twice")
  end)
end)

describe("tide.schema objects, generated columns and table options", function()
  it("makes every kind of object from its SQL text or an options table", function()
    assert.are.same({ __tide = "object", kind = "view", name = "recent", sql = "select 1" },
      t.view "recent" [[select 1]])
    assert.are.same({ __tide = "object", kind = "view", name = "titles", schema = "app", sql = "select 2",
      comment = "c", renamedFrom = "names" },
      t.view "app.titles" { sql = "select 2", comment = "c", renamedFrom = "names" })
    assert.are.same({ __tide = "object", kind = "view", name = "v", sql = "x", comment = "c", renamedFrom = "w" },
      t.view "v" :comment "c" :renamedFrom "w" "x")
    assert.are.same({ __tide = "object", kind = "materialized view", name = "m", sql = "select 3" },
      t.materializedView "m" [[select 3]])
    assert.are.same({ __tide = "object", kind = "function", name = "f", schema = "app", sql = "create function" },
      t.func "app.f" [[create function]])
    assert.are.same({ __tide = "object", kind = "sequence", name = "order_no", sql = "as bigint start with 10000" },
      t.sequence "order_no" { sql = "as bigint start with 10000" })
    assert.are.same({ __tide = "object", kind = "virtual table", name = "docs", sql = "fts5(title, body)" },
      t.virtualTable "docs" [[fts5(title, body)]])
    assert.are.same({ __tide = "object", kind = "trigger", name = "tr", table = "users", sql = "create trigger" },
      t.trigger "tr" { table = "users", sql = "create trigger" })
    assert.are.same({ __tide = "object", kind = "policy", name = "p", schema = "app", table = "docs",
      sql = "create policy" }, t.policy "p" { table = "app.docs", sql = "create policy" })
    assert.are.same({ __tide = "object", kind = "trigger", name = "tr", schema = "app", table = "users",
      sql = "x" }, t.trigger "app.tr" { table = "users", sql = "x" })
    assert.is_nil(getmetatable(t.view "v" "x"))
  end)

  it("records generated columns and table options", function()
    local def = t.table "x" :strict() :withoutRowid() :unlogged() {
      t.col "a" :integer() :primary(),
      t.col "b" :integer() :generated "a * 2",
      t.col "c" :integer() :nullable() :generated("a * 3", { stored = true }),
      t.col "d" :integer() :generated("a * 4", { stored = false }),
    }
    assert.is_true(def.strict)
    assert.is_true(def.withoutRowid)
    assert.is_true(def.unlogged)
    assert.are.same(col("b", { type = "integer", generated = "a * 2" }), def.columns[2])
    assert.are.same(col("c", { type = "integer", nullable = true, generated = "a * 3", stored = true }), def.columns[3])
    assert.are.same(col("d", { type = "integer", generated = "a * 4" }), def.columns[4])
    local plain = t.table "y" { t.col "a" :integer() }
    assert.is_nil(plain.strict)
    assert.is_nil(plain.withoutRowid)
    assert.is_nil(plain.unlogged)
  end)

  it("refuses misused objects, naming the object", function()
    raises(function() return t.view "v" {} end, "view 'v': the SQL text is missing")
    raises(function() return t.view "v" { sql = "x", sqll = 1 } end, "view 'v': unknown option 'sqll'; did you mean 'sql'?")
    raises(function() return t.trigger "tr" [[create trigger]] end, "trigger 'tr': a trigger needs the table it is on")
    raises(function() return t.policy "p" { sql = "x" } end, "policy 'p': a policy needs the table it is on")
    raises(function() return t.view "v" { sql = "x", table = "u" } end, "view 'v': table = is for triggers, policies and partitions")
    raises(function() return t.view "v" { sql = {} } end, "view 'v': sql must be a non-empty string, not a table")
    raises(function() return t.view "v" (3) end, "view 'v': t.view \"v\" is called with its SQL text")
    raises(function() return t.view "v" :comnt "x" end, "view 'v': no method :comnt(); did you mean 'comment'?")
    raises(function() return t.view "v" :renamedFrom "a" :renamedFrom "b" end, ":renamedFrom() is given twice")
    raises(function() local b = t.sequence "a.b.c" return b end, "t.sequence(name): 'a.b.c' is not a valid name")
    raises(function() return t.trigger "a.tr" { table = "b.u", sql = "x" } end, "the table 'b.u' is in another schema")
    raises(function() return t.table "x" { t.col "a" :integer(), t.view "v" "x" } end,
      "table 'x': item 2 is a view ('v'), which is not a table item")
    raises(function() return t.func "f" { sql = "x", columnComments = { a = "b" } } end,
      "function 'f': columnComments = is for views, materialized views, partitions and types")
    raises(function() return t.view "v" { sql = "x", columnComments = "id" } end,
      "view 'v': columnComments must be a table")
    raises(function() return t.view "v" { sql = "x", columnComments = { "id" } } end,
      "view 'v': columnComments maps column names to comments")
  end)

  it("reads ON DELETE SET NULL of some columns, and only there", function()
    local tb = t.table "q" { t.col "d" :integer(), t.col "s" :integer(),
      t.foreign { "s", "d", table = "sec", columns = { "id", "d" }, onDelete = "SET NULL ( s )" } }
    assert.are.equal("set null (s)", tb.foreigns[1].onDelete)
    local mf = t.table "m" { t.col "s" :integer(), t.foreign { "s", table = "sec", matchFull = true } }
    assert.is_true(mf.foreigns[1].matchFull)
    local ui = t.table "u" { t.col "a" :integer(), t.col "b" :text(), t.unique { "a", include = "b" } }
    assert.are.same({ "b" }, ui.uniques[1].include)
    raises(function() return t.unique { "a", include = {} } end, "t.unique: include must be a list of columns")
    local pi = t.table "p" { t.col "a" :integer(), t.col "b" :text(), t.primary { "a", include = { "b" } } }
    assert.are.same({ "b" }, pi.primary.include)
    raises(function() return t.primary { "a", include = { 3 } } end, "t.primary: include entry 1 must be a column name")
    local ao = t.table "o" { t.col "a" :integer() :attributeOptions "n_distinct=-0.5" }
    assert.are.equal("n_distinct=-0.5", ao.columns[1].attributeOptions)
    raises(function() local c = t.col "a" :integer() :attributeOptions "" return c end,
      ":attributeOptions(options) needs a string")
    raises(function() local c = t.col "a" :integer() :attributeOptions "n_distinct=1" :attributeOptions "n_distinct=2"
      return c end, ":attributeOptions() is given twice")
    assert.are.equal("full", (t.partition "p_1" { table = "p", replicaIdentity = "full", sql = "default" }).replicaIdentity)
    raises(function() return t.view "v" { replicaIdentity = "full", sql = "select 1" } end,
      "replicaIdentity = is for partitions")
    raises(function() return t.table "q" { t.col "s" :integer(),
      t.foreign { "s", table = "sec", onUpdate = "set null (s)" } } end, "only onDelete = \"set null (columns)\"")
    raises(function() return t.table "q" { t.col "s" :integer(),
      t.foreign { "s", table = "sec", onDelete = "cascade (s)" } } end, "only onDelete = \"set null (columns)\"")
  end)

  it("reads an object's columnComments and the dots of a function's arguments", function()
    local v = t.view "api.v" { sql = "select 1 as id", columnComments = { id = "the key" } }
    assert.are.equal("the key", v.columnComments.id)
    local f = t.func "api.f(api.items)" [[create function api.f(api.items) ...]]
    assert.are.equal("f(api.items)", f.name)
    assert.are.equal("api", f.schema)
  end)

  it("refuses misused generated columns and table options", function()
    raises(function() local c = t.col "a" :integer() :generated() return c end, "column 'a': :generated(expr) needs")
    raises(function() local c = t.col "a" :integer() :generated("x", 1) return c end, "options must be a table")
    raises(function() local c = t.col "a" :integer() :generated("x", { store = true }) return c end,
      "unknown option 'store'; did you mean 'stored'?")
    raises(function() local c = t.col "a" :integer() :generated "x" :generated "y" return c end, ":generated() is given twice")
    raises(function() return t.table "x" { t.col "a" :integer() :generated "x" :default "1" } end,
      "table 'x', column 'a': a generated column takes its value from its expression; remove :default()")
    raises(function() return t.table "x" { t.col "a" :integer() :primary() :generated "x" } end,
      "a generated column cannot be in the primary key")
    raises(function() return t.table "x" :withoutRowid() { t.col "a" :integer() } end,
      "table 'x': a :withoutRowid() table needs a primary key")
    raises(function() local b = t.table "x" :strict() :strict() return b end, "table 'x': :strict() is given twice")
    raises(function() local b = t.table "x" :strct() return b end, "did you mean 'strict'?")
  end)
end)

describe("tide.schema: comments beside tables and columns, and a view's options (PostgreSQL)", function()
  it("carries comments on constraints, an enum, a serial's sequence and a namespace", function()
    local d = t.table "org" {
      t.col "id" :serial() :sequenceComment "org ids",
      t.col "mood" :enum("mood", { "ok", "sad" }, { comment = "feelings" }),
      t.col "parent" :integer() :nullable(),
      t.primary { "id", comment = "the key" },
      t.unique { "parent", comment = "one child" },
      t.foreign { "parent", table = "org", columns = { "id" }, comment = "a tree" },
      t.check("org_loop", "parent <> id", { comment = "no loops" }),
    }
    assert.are.same({ "org ids", "feelings" }, { d.columns[1].sequenceComment, d.columns[2].enumComment })
    assert.are.same({ "the key", "one child", "a tree", "no loops" },
      { d.primary.comment, d.uniques[1].comment, d.foreigns[1].comment, d.checks[1].comment })
    assert.are.equal("money", t.schema "billing" { comment = "money" }.comment)
    assert.are.equal("security_barrier=true", t.view "v" { with = "security_barrier=true", sql = "select 1" }.with)
    assert.are.same({ n = "0" }, t.view "v" { columnDefaults = { n = "0" }, sql = "select 1 as n" }.columnDefaults)
    assert.are.same({ n = "null" }, t.partition "p" { table = "t", columnDefaults = { n = "null" },
      sql = "for values in (1)" }.columnDefaults)
    local p = t.partition "p" { table = "t", rowLevelSecurity = true, forceRowLevelSecurity = false, sql = "default" }
    assert.are.same({ true, nil }, { p.rowLevelSecurity, p.forceRowLevelSecurity })
  end)

  it("refuses them misused, naming what to write", function()
    raises(function() local c = t.col "m" :enum("mood", { "ok" }, { coment = "x" }) return c end,
      "unknown option 'coment'; did you mean 'comment'?")
    raises(function() return t.table "x" { t.col "a" :integer() :sequenceComment "ids" } end,
      ":sequenceComment() applies to a serial or :identity() column")
    raises(function() return t.schema "s" { coment = "x" } end, "t.schema 's': unknown option 'coment'")
    raises(function() return t.materializedView "m" { columnDefaults = { n = "0" }, sql = "select 1 as n" } end,
      "columnDefaults = is for views")
    raises(function() return t.view "v" { columnDefaults = { n = 0 }, sql = "select 1 as n" } end,
      "columnDefaults maps column names to SQL expressions")
    raises(function() return t.view "v" { rowLevelSecurity = true, sql = "select 1 as n" } end,
      "rowLevelSecurity = is for partitions")
    raises(function() return t.partition "p" { table = "t", forceRowLevelSecurity = "yes", sql = "default" } end,
      "forceRowLevelSecurity must be true or false, not a string")
    raises(function() return t.schema "s" { comment = 1 } end, "t.schema 's': comment must be a string")
    raises(function() return t.trigger "tr" { table = "u", with = "x=1", sql = "create trigger" } end,
      "trigger 'tr': with = (options) is for views, materialized views and partitions")
  end)
end)

describe("tide.schema: what SQLite keeps of keys (ON CONFLICT clauses, nullable keys)", function()
  it("records a NOT NULL's, a UNIQUE's and a PRIMARY KEY's resolution", function()
    local d = t.table "x" {
      t.col "id" :integer() :primary { onConflict = "ROLLBACK" },
      t.col "a" :text() :notNull { onConflict = "replace" } :default "''",
      t.col "b" :text() :nullable() :unique { onConflict = "ignore" },
      t.col "c" :text() :nullable() :unique { name = "x_c_u", onConflict = "fail" },
      t.col "d" :text() :notNull(),
      t.unique { "a", "d", onConflict = "abort" },
    }
    local id, a, b, c, dd = d.columns[1], d.columns[2], d.columns[3], d.columns[4], d.columns[5]
    assert.are.equal("rollback", id.primaryOnConflict)
    assert.are.equal("replace", a.notNullOnConflict)
    assert.is_true(a.notNull)
    assert.are.equal("ignore", b.uniqueOnConflict)
    assert.is_true(b.unique)
    assert.are.same({ "x_c_u", "fail" }, { c.unique, c.uniqueOnConflict })
    assert.is_true(dd.notNull)
    assert.is_nil(dd.notNullOnConflict)
    assert.are.equal("abort", d.uniques[1].onConflict)
    local k = t.table "k" { t.col "a" :integer(), t.col "b" :integer(), t.primary { "a", "b", onConflict = "ignore" } }
    assert.are.equal("ignore", k.primary.onConflict)
  end)

  it("records a key column's DESC order: \"b desc\", desc = { ... }, :primary { desc = true }", function()
    local d = t.table "x" { t.col "a" :text(), t.col "b" :integer(), t.primary { "a", "b DESC" } }
    assert.are.same({ "a", "b" }, d.primary.columns)
    assert.are.same({ "b" }, d.primary.desc)
    d = t.table "y" { t.col "a" :text(), t.col "b" :integer(), t.primary { "a asc", "b", desc = "a" } }
    assert.are.same({ "a", "b" }, d.primary.columns)
    assert.are.same({ "a" }, d.primary.desc)
    d = t.table "z" { t.col "my col" :text(), t.primary { "my col" } }
    assert.are.same({ "my col" }, d.primary.columns)
    assert.is_nil(d.primary.desc)
    d = t.table "w" { t.col "id" :integer() :primary { onConflict = "replace", desc = true } }
    assert.is_true(d.columns[1].primary and d.columns[1].primaryDesc)
    assert.are.equal("replace", d.columns[1].primaryOnConflict)
    raises(function() return t.primary { "a", desc = { "b" } } end,
      "t.primary: desc names 'b', which is not one of the key's columns")
    raises(function() return t.table "v" { t.col "id" :integer() :primary { desc = "yes" } } end,
      ":primary{}: desc must be true or false")
    if checkSchema then
      assert(checkSchema { t.table "x" { t.col "a" :text(), t.col "b" :integer(), t.primary { "a", "b desc" } } })
    end
  end)

  it("takes a nullable key column (SQLite's rowid tables keep one so)", function()
    local d = t.table "x" { t.col "k" :text() :primary() :nullable(), t.col "v" :integer() }
    assert.is_true(d.columns[1].primary and d.columns[1].nullable)
    d = t.table "y" { t.col "a" :integer() :nullable(), t.col "b" :integer(), t.primary { "a", "b" } }
    assert.is_true(d.columns[1].nullable)
  end)

  it("refuses an unknown resolution at its line, naming the way to write it", function()
    local where
    local e = catch(function()
      return t.table "x" {
        t.col "id" :integer() :primary(),
        (function() where = line_of_caller() end)() or t.col "a" :text() :unique { onConflict = "replce" },
      }
    end)
    assert(e:find(where, 1, true), e .. " / " .. where)
    assert(e:find("table 'x', column 'a': :unique{}: onConflict = 'replce' is not an ON CONFLICT resolution; "
      .. "did you mean 'replace'?", 1, true), e)
    raises(function() local c = t.col "a" :text() :notNull { onConflict = "later" } return c end,
      "column 'a'", ":notNull{}: onConflict = 'later' is not an ON CONFLICT resolution",
      "(known: rollback, abort, fail, ignore, replace)")
    raises(function() local c = t.col "a" :integer() :primary { onConflict = 1 } return c end,
      ":primary{}: onConflict = '1'")
    raises(function() local c = t.col "a" :integer() :primary { conflict = "ignore" } return c end,
      "unknown option 'conflict'; did you mean 'onConflict'?")
    raises(function() return t.unique { "a", onConflict = "nope" } end, "t.unique: onConflict = 'nope'")
    raises(function() return t.primary { "a", onConflict = "nope" } end, "t.primary: onConflict = 'nope'")
    raises(function() return t.table "x" { t.col "a" :text() :notNull() :nullable() } end,
      "table 'x', column 'a': :notNull() and :nullable() contradict each other")
  end)
end)

describe("tide.core.checkSchema", function()
  -- registered by the runtime; until then these only say so (busted's TAP
  -- output cannot report pending tests)
  local it_core = checkSchema and it or function(name)
    it(name .. " (skipped: tide.core.checkSchema is not registered)", function() end)
  end

  it_core("accepts the definitions of a valid schema", function()
    local org = t.table "org" { t.col "id" :bigserial() :primary(), t.col "s" :enum("st", { "a", "b" }) }
    local user = t.table "user" {
      t.col "id" :serial() :primary(),
      t.col "org_id" :bigint() :references("org", "id", { onDelete = "cascade" }),
      t.col "s" :enum("st", { "a", "b" }),
      t.index { "org_id", "s desc" },
    }
    assert.is_true(checkSchema(org))
    assert.is_true(checkSchema({ org, user }, "schema/all.lua"))
    assert.is_true(checkSchema({}))
  end)

  it_core("raises the converter's and finish's errors", function()
    local a = t.table "a" { t.col "s" :enum("st", { "a", "b" }) }
    local b = t.table "b" { t.col "s" :enum("st", { "a", "c" }) }
    local e = catch(function() checkSchema({ a, b }, "schema/x.lua") end)
    assert(e:find("schema/x.lua: table 'b', column 's': enum 'st' is declared with the values (a, c)", 1, true), e)
    e = catch(function()
      checkSchema({ t.table "a" { t.col "id" :integer() :references("b", "zz") },
                    t.table "b" { t.col "id" :integer() :primary() } })
    end)
    assert(e:find("references column 'zz'", 1, true), e)
    e = catch(function() checkSchema(t.table "a") end)
    assert(e:find("call it with its items", 1, true), e)
    e = catch(function() checkSchema(42) end)
    assert(e:find("must return a table definition", 1, true), e)
  end)

  it_core("converts ON CONFLICT clauses, and refuses a bad one in a plain definition", function()
    assert.is_true(checkSchema(t.table "x" {
      t.col "id" :integer() :primary { onConflict = "rollback" },
      t.col "a" :text() :notNull { onConflict = "replace" } :unique { onConflict = "ignore" },
    }))
    local e = catch(function()
      checkSchema(tbl("x", { columns = { col("a", { type = "text", unique = true, uniqueOnConflict = "later" }) } }),
        "schema/x.lua")
    end)
    assert(e:find("schema/x.lua: table 'x', column 'a': uniqueOnConflict: 'later' is not an ON CONFLICT", 1, true), e)
    e = catch(function()
      checkSchema(tbl("x", { columns = { col("a", { type = "text", nullable = true, notNullOnConflict = "fail" }) } }))
    end)
    assert(e:find("notNullOnConflict and nullable contradict each other", 1, true), e)
  end)

  it_core("converts objects, generated columns and table options", function()
    local docs = t.table "docs" :strict() {
      t.col "id" :integer() :primary(),
      t.col "n" :integer() :generated("id * 2", { stored = true }),
    }
    assert.is_true(checkSchema({ docs, t.view "v" [[select id from docs]],
      t.trigger "tr" { table = "docs", sql = [[create trigger tr after insert on docs begin select 1; end]] } }))
    local e = catch(function() checkSchema({ docs, t.trigger "tr" { table = "nope", sql = "x" } }) end)
    assert(e:find("trigger 'tr' is on table 'nope', which the schema does not have", 1, true), e)
    e = catch(function() checkSchema(t.view "v") end)
    assert(e:find("call it with its SQL text", 1, true), e)
  end)
end)
