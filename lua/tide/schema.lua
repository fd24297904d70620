-- tide.schema: the schema DSL of SPEC 6. Builders check their input as it is
-- written (errors point at the user's line and name the table and column);
-- `t.table "name" { ... }` yields a plain, tagged definition table that the
-- native converter (src/model_lua.c) turns into the schema model. While a
-- schema folder loads, the converter takes it as the call ends (M.__sink)
-- and the file gets a stand-in (name, schema) that its returned value claims.
--
-- A definition (every field optional unless noted; lists are always present):
--   { __tide = "table", name = "user" (required), schema = "s", comment = "",
--     renamedFrom = "old" | "s.old", columns = { column... } (required),
--     primary = { __tide = "primary", columns = {...}, name = "...", onConflict = "rollback",
--                 include = { "c" }, desc = { "b" } (the key columns sorted DESC, SQLite) },
--     indexes = { { __tide = "index", columns = { "a", "b desc" } | expression = "sql",
--                   name =, unique = true, where = "sql", using = "gin" }... },
--     uniques = { { __tide = "unique", columns = {...}, name =, onConflict = "replace",
--                   include = { "c" } }... },
--     foreigns = { { __tide = "foreign", columns = {...}, table = "org", schema =,
--                    refColumns = {...}, onDelete =, onUpdate =, name =,
--                    deferrable = true, initiallyDeferred = true }... },
--     checks = { { __tide = "check", name = "...", expr = "sql" }... },
--     strict = true, withoutRowid = true, unlogged = true }   (table options)
-- column:
--   { __tide = "column", name = "id", type = "integer" (a tide type, the enum's
--     name, "T[]", or raw SQL), autoincrement = true, nullable = true (also on a
--     key column: SQLite lets the key of a rowid table hold NULL, PostgreSQL refuses it),
--     primary = true, primaryDesc = true (the key sorts DESC, SQLite), default = "sql",
--     unique = true | "constraint_name",
--     notNull = true (says the default), notNullOnConflict =, uniqueOnConflict =,
--     primaryOnConflict = (SQLite's ON CONFLICT resolution of the column's NOT NULL,
--     UNIQUE, PRIMARY KEY: "rollback", "abort", "fail", "ignore", "replace"),
--     references = { table =, schema =, column = (nil: the referenced key),
--                    onDelete =, onUpdate =, name =, deferrable =, initiallyDeferred = },
--     enum = { "value", ... } (type is then the enum's name), comment =,
--     renamedFrom =, ignoreChanges = { "type", "default", "extra" }, collate =,
--     generated = "sql expr", stored = true (with generated: STORED, else VIRTUAL) }
-- object (a view, a trigger, a sequence...: every kind of tide_object_kinds):
--   { __tide = "object", kind = "view" (the kind's name in model.c), name = "v" (required),
--     schema = "s", table = "users" (triggers and policies: the table they are on),
--     sql = "..." (required: the definition, see each kind), comment =, renamedFrom = "old" }
-- namespace (t.schema "name"): { __tide = "namespace", name = "s" }
-- enum no column declares (t.enum("name", { "a" })): { __tide = "enum", name =, values =, comment = }
-- Actions are lowercase: "no action", "restrict", "cascade", "set null", "set default".
local M = {}

local error, type, tostring, pairs, ipairs, setmetatable, rawget =
      error, type, tostring, pairs, ipairs, setmetatable, rawget
local format, concat, tointeger, mathtype, byte = string.format, table.concat, math.tointeger, math.type,
      string.byte
local getinfo = debug and debug.getinfo

-- ---- messages -------------------------------------------------------------

-- Edit distance, ignoring case (as config.c's), for "did you mean".
local function distance(a, b)
  a, b = a:lower(), b:lower()
  local la, lb, row = #a, #b, {}
  for j = 0, lb do row[j] = j end
  for i = 1, la do
    local prev, ca = row[0], a:byte(i)
    row[0] = i
    for j = 1, lb do
      local up = row[j]
      local best = prev + (ca == b:byte(j) and 0 or 1)
      if up + 1 < best then best = up + 1 end
      if row[j - 1] + 1 < best then best = row[j - 1] + 1 end
      prev, row[j] = up, best
    end
  end
  return row[lb]
end

-- The closest of known to word, or nil when none is close.
local function closest(word, known)
  local best, bd = nil, math.huge
  for _, k in ipairs(known) do
    local d = distance(word, k)
    if d < bd then best, bd = k, d end
  end
  if best and bd <= (#best > 6 and 3 or 2) then return best end
end

-- "; did you mean 'x'?" for the closest of known, or " (known: a, b, c)".
local function suggest(word, known)
  local best = closest(tostring(word), known)
  if best then return format("; did you mean '%s'?", best) end
  return " (known: " .. concat(known, ", ") .. ")"
end

-- The table whose items are being written, for messages: t.table "x" records
-- where it was called; an error raised later in the same file names it.
local pending

local function where_table(level)
  if not (pending and getinfo) then return nil end
  local info = getinfo(level + 1, "Sl")
  if info and info.source == pending.__source and info.currentline >= pending.__line then
    return pending.__name_
  end
end

-- Raises "table 'x', column 'y': msg" at the user's line. level counts from
-- the caller of fail (1: the function calling fail).
local function fail(level, column, msg)
  -- a method of a C column builder (src/lua/dsl.c) runs the Lua method when
  -- it has something to say: the C frame between is not the user's line
  local info = getinfo and getinfo(level + 1, "S")
  if info and info.what == "C" then level = level + 1 end
  local tname, subject = where_table(level + 1), nil
  if tname and column then subject = format("table '%s', column '%s': ", tname, column)
  elseif column then subject = format("column '%s': ", column)
  elseif tname then subject = format("table '%s': ", tname)
  else subject = "" end
  error(subject .. msg, level + 1)
end

-- ---- shared checks ----------------------------------------------------------

local function nonempty(v)
  return type(v) == "string" and v ~= "" and (v:byte(1) > 32 or v:find("%S") ~= nil)
end

-- (table, schema) of "schema.name" or "name"; nil, message when malformed.
local function split_name(qualified)
  if not nonempty(qualified) then return nil, nil, "a name must be a non-empty string" end
  local schema, name = qualified:match("^([^.]+)%.([^.]+)$")
  if schema then return name, schema end
  if qualified:find(".", 1, true) then
    return nil, nil, format("'%s' is not a valid name (write 'name' or 'schema.name')", qualified)
  end
  return qualified
end

-- (name, schema) of an object's "schema.name" or "name", where a function's
-- or an aggregate's name may end in its arguments, "f(s.t, integer)": the
-- dots there are the arguments' own.
local function split_object_name(qualified)
  if type(qualified) ~= "string" then return split_name(qualified) end
  local head, args = qualified:match("^([^(]+)(%(.*)$")
  if not head then return split_name(qualified) end
  local name, schema, bad = split_name(head)
  if bad then return nil, nil, bad end
  return name .. args, schema
end

local ACTIONS = { "no action", "restrict", "cascade", "set null", "set default" }
local ACTION_OF = {}
for _, a in ipairs(ACTIONS) do
  ACTION_OF[a] = a
  ACTION_OF[a:gsub(" ", "")] = a       -- "setNull", "noAction" (lowercased below)
  ACTION_OF[a:gsub(" ", "_")] = a      -- "set_null"
end

-- The canonical action for a spelling, or raises naming what it is for.
-- ON DELETE SET NULL / SET DEFAULT may name the columns it sets (PostgreSQL
-- 15): "set null (section_id)", kept as "set null (a, b)".
local function action(v, what, level, column, columns_ok)
  if v == nil then return nil end
  local head, list
  if type(v) == "string" then head, list = v:match("^%s*([^(]-)%s*(%b())%s*$") end
  if head then
    local a = ACTION_OF[head:lower():gsub("%s+", " ")]
    local names = {}
    for c in list:sub(2, -2):gmatch("[^,]+") do names[#names + 1] = c:match("^%s*(.-)%s*$") end
    local ok = #names > 0
    for _, c in ipairs(names) do ok = ok and c ~= "" end
    if not (columns_ok and ok and (a == "set null" or a == "set default")) then
      fail(level + 1, column, format("%s: '%s': only onDelete = \"set null (columns)\" or \"set default "
        .. "(columns)\" names columns", what, v))
    end
    return a .. " (" .. table.concat(names, ", ") .. ")"
  end
  local a = type(v) == "string" and ACTION_OF[v:lower():gsub("^%s+", ""):gsub("%s+$", ""):gsub("%s+", " ")]
  if not a then
    fail(level + 1, column, format("%s: '%s' is not a foreign key action%s", what, tostring(v),
      suggest(tostring(v), ACTIONS)))
  end
  return a
end

-- SQLite's ON CONFLICT resolutions of a NOT NULL, a UNIQUE or a PRIMARY KEY
-- (what an INSERT or UPDATE breaking the constraint does); PostgreSQL has none.
local CONFLICTS = { "rollback", "abort", "fail", "ignore", "replace" }
local CONFLICT_OF = {}
for _, w in ipairs(CONFLICTS) do CONFLICT_OF[w] = w end

-- The canonical resolution for a spelling (any case), or raises naming what it is for.
local function conflict(v, what, level, column)
  if v == nil then return nil end
  local w = type(v) == "string" and CONFLICT_OF[v:lower()]
  if not w then
    fail(level + 1, column, format("%s: onConflict = '%s' is not an ON CONFLICT resolution%s", what,
      tostring(v), suggest(tostring(v), CONFLICTS)))
  end
  return w
end

-- Checks the keys of an options table against known (a set and its list).
local function check_options(opts, known, list, what, level, column)
  for k in pairs(opts) do
    if type(k) ~= "number" and not known[k] then
      fail(level + 1, column, format("%s: unknown option '%s'%s", what, tostring(k),
        suggest(tostring(k), list)))
    end
  end
end

local function keyset(list)
  local set = {}
  for _, k in ipairs(list) do set[k] = true end
  return set, list
end

local function check_bool(v, what, level, column)
  if v ~= nil and type(v) ~= "boolean" then
    fail(level + 1, column, format("%s must be true or false, not a %s", what, type(v)))
  end
  return v or nil
end

local function check_string(v, what, level, column)
  if v ~= nil and not nonempty(v) then
    fail(level + 1, column, format("%s must be a non-empty string, not %s", what,
      type(v) == "string" and "''" or "a " .. type(v)))
  end
  return v
end

-- The positional entries of spec (column names), checked.
local function column_list(spec, what, level)
  local cols, n = {}, 0
  for k in pairs(spec) do
    if type(k) == "number" then n = n + 1 end
  end
  for i = 1, n do
    local c = spec[i]
    if not nonempty(c) then
      fail(level + 1, nil, format("%s: entry %d must be a column name, not %s", what, i,
        c == nil and "nil (is there a hole in the list?)" or "a " .. type(c)))
    end
    cols[i] = c
  end
  return cols
end

-- ---- columns ----------------------------------------------------------------

local Col = {}                    -- the methods of t.col "name"
local shadow_of                   -- src/lua/dsl.c's builder -> the Lua builder it stands for
local ColMT = { __name = "tide.schema.column" }

-- Sets the column's type once; spelled is how the user wrote it.
local function set_type(b, spelled, typ, level)
  local d = b.__def
  if d.type then
    fail(level + 1, d.name, format("the type is given twice (it is %s already, then :%s()); "
      .. "a column has one type", d.type, spelled))
  end
  d.type = typ
  return b
end

local function no_args(b, method, extra, level)
  if extra ~= nil then
    fail(level + 1, b.__def.name, format(":%s() takes no arguments", method))
  end
end

local SIMPLE = {
  integer = "integer", bigint = "bigint", smallint = "smallint", boolean = "boolean",
  real = "real", double = "double", text = "text", date = "date", time = "time",
  timestamp = "timestamp", timestamptz = "timestamptz", json = "json", jsonb = "jsonb",
  uuid = "uuid", bytea = "bytea", blob = "bytea",
}
-- The methods most columns call set their field in place and go through
-- set_type or modifier (the very same call as before) only to raise: a Lua
-- call less per method, a tenth of the DSL's time for a large schema.
for method, typ in pairs(SIMPLE) do
  Col[method] = function(b, extra)
    if extra ~= nil then no_args(b, method, extra, 2) end
    local d = b.__def
    if d.type then return set_type(b, method, typ, 2) end
    d.type = typ
    return b
  end
end

local SERIAL = { serial = "integer", bigserial = "bigint", smallserial = "smallint" }
for method, typ in pairs(SERIAL) do
  Col[method] = function(b, extra)
    if extra ~= nil then no_args(b, method, extra, 2) end
    set_type(b, method, typ, 2)
    b.__def.autoincrement = true
    b.__rare = true
    return b
  end
end

-- A whole number in [lo, hi], or raises naming the method and argument.
local function whole(b, v, lo, hi, what, level)
  local n = type(v) == "number" and tointeger(v)
  if not n or n < lo or n > hi then
    fail(level + 1, b.__def.name, format("%s must be a whole number from %d to %d, not %s",
      what, lo, hi, type(v) == "number" and tostring(v) or type(v) == "string" and "'" .. v .. "'" or "a " .. type(v)))
  end
  return n
end

-- Type names with parameters, made once per spelling: "varchar(255)".
local spelled = {}
local function typename(pattern, a, b)
  local byp = spelled[pattern]
  if not byp then byp = {}; spelled[pattern] = byp end
  local key = b and a * 100000 + b or a
  local name = byp[key]
  if not name then name = format(pattern, a, b); byp[key] = name end
  return name
end

function Col:numeric(p, s)
  if p == nil then
    if s ~= nil then fail(2, self.__def.name, ":numeric(p, s): a scale needs a precision") end
    return set_type(self, "numeric", "numeric", 2)
  end
  p = whole(self, p, 1, 1000, ":numeric(p, s): the precision", 2)
  if s == nil then return set_type(self, "numeric", typename("numeric(%d)", p), 2) end
  s = whole(self, s, 0, p, ":numeric(p, s): the scale", 2)
  return set_type(self, "numeric", typename("numeric(%d,%d)", p, s), 2)
end

function Col:varchar(n)
  if n == nil then return set_type(self, "varchar", "varchar", 2) end
  n = whole(self, n, 1, 10485760, ":varchar(n): the length", 2)
  return set_type(self, "varchar", typename("varchar(%d)", n), 2)
end

function Col:char(n)
  n = n == nil and 1 or whole(self, n, 1, 10485760, ":char(n): the length", 2)
  return set_type(self, "char", typename("char(%d)", n), 2)
end

local ENUM_KEYS, ENUM_LIST = keyset { "comment" }

-- :enum("status", { "a", "b" }) or :enum("status", { "a", "b" }, { comment = "..." })
-- (PostgreSQL COMMENT ON TYPE; said once, where the enum is declared).
function Col:enum(name, values, opts)
  local d = self.__def
  local _, _, bad = split_name(name)
  if bad then fail(2, d.name, ":enum(name, values): " .. bad) end
  if type(values) ~= "table" then   -- {} is an enum with no values yet (PostgreSQL takes it)
    fail(2, d.name, format(":enum('%s', values) needs its values: :enum('%s', { 'a', 'b' })",
      tostring(name), tostring(name)))
  end
  local copy, seen = {}, {}
  for i = 1, #values do
    local v = values[i]
    if type(v) ~= "string" then   -- '' is a label PostgreSQL takes
      fail(2, d.name, format("enum '%s': value %d must be a string, not a %s", name, i, type(v)))
    end
    if seen[v] then fail(2, d.name, format("enum '%s': the value '%s' is listed twice", name, v)) end
    seen[v], copy[i] = true, v
  end
  if opts ~= nil then
    if type(opts) ~= "table" then fail(2, d.name, ":enum(name, values, options): options must be a table") end
    check_options(opts, ENUM_KEYS, ENUM_LIST, ":enum()", 2, d.name)
    d.enumComment = check_string(opts.comment, ":enum(): comment", 2, d.name)
  end
  set_type(self, "enum", name, 2)
  d.enum = copy
  self.__rare = true
  return self
end

function Col:array(element)
  local d = self.__def
  if not nonempty(element) then
    fail(2, d.name, ":array(type) needs the element type as a string, e.g. :array \"text\"")
  end
  if SERIAL[element] then
    fail(2, d.name, format(":array('%s'): an array of %s is not possible; use :array \"%s\"",
      element, element, SERIAL[element]))
  end
  return set_type(self, "array", (SIMPLE[element] or element) .. "[]", 2)
end

-- :type "" is a column declared with no type (SQLite's untyped column).
function Col:type(raw)
  if type(raw) ~= "string" then
    fail(2, self.__def.name, ":type(sql) needs the SQL type as a string, e.g. :type \"inet\" "
      .. "(:type \"\" for a column declared with no type)")
  end
  return set_type(self, "type", raw, 2)
end

-- Records a modifier once: a second use is a mistake worth reporting.
local function modifier(b, method, field, value, level)
  local d = b.__def
  if d[field] ~= nil then
    fail(level + 1, d.name, format(":%s() is given twice", method))
  end
  d[field] = value
  return b
end

local CONFLICT_KEYS, CONFLICT_LIST = keyset { "onConflict" }
local PRIMARY_OPTION_KEYS, PRIMARY_OPTION_LIST = keyset { "onConflict", "desc" }

-- The options table of :primary {} (onConflict =, desc =) or :notNull {}
-- (onConflict = only).
local function conflict_option(b, method, opts, level)
  if opts == nil then return nil end
  if type(opts) ~= "table" then
    fail(level + 1, b.__def.name, format(":%s(options): options must be a table, e.g. "
      .. ":%s { onConflict = \"replace\" }", method, method))
  end
  if method == "primary" then
    check_options(opts, PRIMARY_OPTION_KEYS, PRIMARY_OPTION_LIST, ":primary{}", level + 1, b.__def.name)
  else
    check_options(opts, CONFLICT_KEYS, CONFLICT_LIST, ":" .. method .. "{}", level + 1, b.__def.name)
  end
  return conflict(opts.onConflict, ":" .. method .. "{}", level + 1, b.__def.name)
end

-- The modifier method (a constraint of the column), with its resolution in field.
local function conflict_modifier(b, method, opts, field, level)
  local word = conflict_option(b, method, opts, level + 1)
  modifier(b, method, method, true, level + 1)
  b.__def[field] = word
  return b
end

-- :primary(), :primary { onConflict = "rollback" } (SQLite's PRIMARY KEY ON
-- CONFLICT), :primary { desc = true } (SQLite's PRIMARY KEY DESC: the key
-- sorts descending; an INTEGER key so is not the rowid).
function Col:primary(opts)
  local d = self.__def
  if opts == nil and d.primary == nil then   -- :primary(): conflict_modifier's work without its calls
    d.primary = true
    return self
  end
  conflict_modifier(self, "primary", opts, "primaryOnConflict", 2)
  d.primaryDesc = check_bool(opts and opts.desc, ":primary{}: desc", 2, d.name)
  return self
end

-- :notNull() says the default (a column is NOT NULL unless :nullable());
-- :notNull { onConflict = "replace" } gives its NOT NULL SQLite's ON CONFLICT
-- resolution ("not null on conflict replace": a NULL written is the default).
function Col:notNull(opts)
  self.__rare = true
  return conflict_modifier(self, "notNull", opts, "notNullOnConflict", 2)
end

function Col:nullable(flag)
  if flag ~= nil and type(flag) ~= "boolean" then
    fail(2, self.__def.name, ":nullable(flag): flag must be true or false")
  end
  local d = self.__def
  if d.nullable ~= nil then return modifier(self, "nullable", "nullable", flag ~= false or nil, 2) end
  d.nullable = flag ~= false or nil
  return self
end

function Col:default(expr)
  local ty = type(expr)
  if ty == "number" or ty == "boolean" then
    expr = tostring(expr)
  elseif ty ~= "string" then
    fail(2, self.__def.name, ":default(expr) needs an SQL expression as a string, e.g. "
      .. ":default \"'anonymous'\" or :default \"now()\"" .. (expr == nil and " (for no default, leave it out)" or ""))
  end
  local d = self.__def
  if d.default ~= nil then return modifier(self, "default", "default", expr, 2) end
  d.default = expr
  return self
end

-- :unique(), :unique "name", :unique { name = "n", onConflict = "ignore" }
-- (SQLite's UNIQUE ON CONFLICT).
function Col:unique(name)
  local word
  if type(name) == "table" then
    check_options(name, { name = true, onConflict = true }, { "name", "onConflict" }, ":unique{}", 2,
      self.__def.name)
    word = conflict(name.onConflict, ":unique{}", 2, self.__def.name)
    name = name.name
  end
  check_string(name, ":unique(name): the constraint name", 2, self.__def.name)
  modifier(self, "unique", "unique", name or true, 2)
  self.__def.uniqueOnConflict = word
  return self
end

local REF_KEYS, REF_LIST = keyset { "onDelete", "onUpdate", "name", "deferrable", "initiallyDeferred" }

function Col:references(tbl, column, opts)
  local d = self.__def
  if type(column) == "table" and opts == nil then column, opts = nil, column end
  local name, schema, bad = split_name(tbl)
  if bad then fail(2, d.name, ":references(table, column, options): the table: " .. bad) end
  check_string(column, ":references(table, column): the column", 2, d.name)
  if opts ~= nil and type(opts) ~= "table" then
    fail(2, d.name, ":references(table, column, options): options must be a table")
  end
  opts = opts or {}
  check_options(opts, REF_KEYS, REF_LIST, ":references()", 2, d.name)
  local deferrable = check_bool(opts.deferrable, ":references(): deferrable", 2, d.name)
  local deferred = check_bool(opts.initiallyDeferred, ":references(): initiallyDeferred", 2, d.name)
  if deferred and opts.deferrable == false then
    fail(2, d.name, ":references(): initiallyDeferred needs deferrable (leave deferrable out or set it true)")
  end
  return modifier(self, "references", "references", {
    table = name, schema = schema, column = column,
    onDelete = action(opts.onDelete, ":references(): onDelete", 2, d.name, true),
    onUpdate = action(opts.onUpdate, ":references(): onUpdate", 2, d.name),
    name = check_string(opts.name, ":references(): name", 2, d.name),
    deferrable = (deferrable or deferred) or nil,
    initiallyDeferred = deferred,
  }, 2)
end

function Col:comment(text)
  if type(text) ~= "string" then fail(2, self.__def.name, ":comment(text) needs a string") end
  return modifier(self, "comment", "comment", text, 2)
end

function Col:renamedFrom(old)
  check_string(old, ":renamedFrom(old): the old name", 2, self.__def.name)
  if old == nil then fail(2, self.__def.name, ":renamedFrom(old) needs the column's old name") end
  return modifier(self, "renamedFrom", "renamedFrom", old, 2)
end

local IGNORE_KEYS, IGNORE_LIST = keyset { "type", "default", "extra" }

function Col:ignoreChanges(what)
  local d = self.__def
  if type(what) == "string" then what = { what } end
  if type(what) ~= "table" or what[1] == nil then
    fail(2, d.name, ":ignoreChanges{...} needs a list of \"type\", \"default\", \"extra\"")
  end
  local copy = {}
  for i, w in ipairs(what) do
    if not IGNORE_KEYS[w] then
      fail(2, d.name, format(":ignoreChanges: '%s' is not something a diff can ignore%s",
        tostring(w), suggest(tostring(w), IGNORE_LIST)))
    end
    copy[i] = w
  end
  return modifier(self, "ignoreChanges", "ignoreChanges", copy, 2)
end

local GENERATED_KEYS, GENERATED_LIST = keyset { "stored" }

-- :generated("price * qty") is VIRTUAL (SQLite's default); :generated(expr,
-- { stored = true }) is STORED (PostgreSQL has STORED only).
function Col:generated(expr, opts)
  local d = self.__def
  if not nonempty(expr) then
    fail(2, d.name, ":generated(expr) needs the SQL expression as a string, e.g. "
      .. ":generated \"price * qty\" or :generated(\"price * qty\", { stored = true })")
  end
  if opts ~= nil and type(opts) ~= "table" then
    fail(2, d.name, ":generated(expr, options): options must be a table, e.g. { stored = true }")
  end
  opts = opts or {}
  check_options(opts, GENERATED_KEYS, GENERATED_LIST, ":generated()", 2, d.name)
  local stored = check_bool(opts.stored, ":generated(): stored", 2, d.name)
  modifier(self, "generated", "generated", expr, 2)
  d.stored = stored
  self.__rare = true
  return self
end

-- :identity() is GENERATED BY DEFAULT AS IDENTITY, :identity "always" is
-- GENERATED ALWAYS (PostgreSQL); on an integer type.
local IDENTITY = { always = "always", ["by default"] = "by default" }
function Col:identity(kind)
  local d = self.__def
  if kind ~= nil and not IDENTITY[kind] then
    fail(2, d.name, ":identity(kind): kind is \"always\" or \"by default\" (the default), not "
      .. (type(kind) == "string" and "'" .. kind .. "'" or "a " .. type(kind)))
  end
  modifier(self, "identity", "identity", kind or "by default", 2)
  d.autoincrement = true
  self.__rare = true
  return self
end

-- :sequence "start with 1000 increment by 10": the options of the sequence a
-- serial or identity column owns.
function Col:sequence(options)
  check_string(options, ":sequence(options): the sequence's options", 2, self.__def.name)
  if not nonempty(options) then
    fail(2, self.__def.name, ":sequence(options) needs the options, e.g. :sequence \"start with 1000\"")
  end
  self.__rare = true
  return modifier(self, "sequence", "sequence", options, 2)
end

-- :sequenceComment "text": the comment of the sequence a serial or identity
-- column owns (PostgreSQL COMMENT ON SEQUENCE).
function Col:sequenceComment(text)
  if type(text) ~= "string" then fail(2, self.__def.name, ":sequenceComment(text) needs a string") end
  self.__rare = true
  return modifier(self, "sequenceComment", "sequenceComment", text, 2)
end

-- PostgreSQL column options: :statistics(n), :storage "external", :compression "lz4".
function Col:statistics(n)
  return modifier(self, "statistics", "statistics", whole(self, n, 0, 10000, ":statistics(n): n", 2), 2)
end

local STORAGES = { plain = true, external = true, extended = true, main = true }
function Col:storage(kind)
  if not STORAGES[kind] then
    fail(2, self.__def.name, ":storage(kind): kind is \"plain\", \"external\", \"extended\" or \"main\"")
  end
  return modifier(self, "storage", "storage", kind, 2)
end

function Col:compression(method)
  if method ~= "pglz" and method ~= "lz4" then
    fail(2, self.__def.name, ":compression(method): method is \"pglz\" or \"lz4\"")
  end
  return modifier(self, "compression", "compression", method, 2)
end

-- :attributeOptions "n_distinct=100, n_distinct_inherited=-0.5": PostgreSQL's
-- ALTER COLUMN ... SET (...) (the names and values are checked for PostgreSQL).
function Col:attributeOptions(options)
  if type(options) ~= "string" or not options:find("%S") then
    fail(2, self.__def.name, ":attributeOptions(options) needs a string, e.g. :attributeOptions \"n_distinct=100\"")
  end
  return modifier(self, "attributeOptions", "attributeOptions", options, 2)
end

function Col:collate(name)
  check_string(name, ":collate(name): the collation", 2, self.__def.name)
  if name == nil then fail(2, self.__def.name, ":collate(name) needs the collation's name") end
  return modifier(self, "collate", "collate", name, 2)
end

local COL_METHODS = {}
for k in pairs(Col) do COL_METHODS[#COL_METHODS + 1] = k end
table.sort(COL_METHODS)

-- A misspelt method names the column and the closest method: the lookup
-- misses Col and yields a function that raises when called with the builder
-- (a function __index on the builders would slow every method call).
setmetatable(Col, { __index = function(_, k)
  if type(k) ~= "string" or k:sub(1, 2) == "__" then return nil end
  return function(b)
    if shadow_of and type(b) == "userdata" then b = shadow_of(b) or b end
    local best = closest(k, COL_METHODS)
    fail(2, type(b) == "table" and rawget(b, "__def") and b.__def.name or "?", format("no method :%s()%s", k,
      best and format("; did you mean :%s()?", best) or " (a column takes a type such as :integer(), "
      .. ":text(), :varchar(n), and modifiers such as :primary(), :nullable(), :default(sql), "
      .. ":references(...))"))
  end
end })
ColMT.__index = Col

local function check_col_name(name)
  if type(name) ~= "string" or name == "" or byte(name, 1) <= 32 and not nonempty(name) then
    fail(2, nil, "t.col(name): the column name must be a non-empty string, not "
      .. (type(name) == "string" and "''" or "a " .. type(name)))
  end
end

--- t.col "name" -> a column builder (type methods and modifiers chain).
function M.col(name)
  check_col_name(name)
  -- type = nil, nullable = nil size the definition for four fields at once:
  -- most columns have three or four, and growing a table rehashes it.
  return setmetatable({ __tide = "column builder", __def = { __tide = "column", name = name, type = nil,
                                                             nullable = nil } }, ColMT)
end

-- With tide.core (always, in tide), t.col is src/lua/dsl.c's: a userdata
-- whose usual methods are C functions writing C fields, and which becomes
-- its shadow, a builder of the Lua M.col above, for anything else (its Col
-- methods then run on the shadow: the same messages). The Lua M.col stays
-- for a plain lua5.4 without tide.core.
do
  local ok, core = pcall(require, "tide.core")
  if ok and type(core) == "table" and core.schemaColumns then
    M.col, shadow_of = core.schemaColumns(Col, check_col_name)
  end
end

-- ---- table items --------------------------------------------------------------

local function spec_table(spec, what, example, level)
  if type(spec) ~= "table" then
    fail(level + 1, nil, format("%s needs a table, e.g. %s", what, example))
  end
  return spec
end

local PRIMARY_KEYS, PRIMARY_LIST = keyset { "name", "deferrable", "initiallyDeferred", "onConflict", "comment",
  "include", "desc" }

-- deferrable = and initiallyDeferred = of a key (PostgreSQL): both, or nil.
local function deferral(spec, what, level)
  local deferred = check_bool(spec.initiallyDeferred, what .. ": initiallyDeferred", level + 1)
  if deferred and spec.deferrable == false then
    fail(level + 1, nil, what .. ": initiallyDeferred needs deferrable (leave deferrable out or set it true)")
  end
  return (check_bool(spec.deferrable, what .. ": deferrable", level + 1) or deferred) or nil, deferred
end

-- The include = { "col", ... } of t.index, t.unique or t.primary (what: "t.index"):
-- a copy of the list (a string is a list of one), nil when not given.
local function include_list(include, what, level)
  if type(include) == "string" then include = { include } end
  if include == nil then return nil end
  if type(include) ~= "table" or include[1] == nil then
    fail(level + 1, nil, what .. ": include must be a list of columns, e.g. include = { \"email\" }")
  end
  local copy = {}
  for i, c in ipairs(include) do
    if type(c) ~= "string" or c == "" then
      fail(level + 1, nil, format("%s: include entry %d must be a column name", what, i))
    end
    copy[i] = c
  end
  return copy
end

-- What t.primary and t.unique (what: "t.unique", tag: "unique") share:
-- columns, name, deferral, onConflict, comment and INCLUDE (PostgreSQL).
-- level: the caller's, as fail counts it.
local function key_spec(spec, tag, what, keys, list, level)
  spec_table(spec, what, what .. " { \"a\", \"b\" }", level + 1)
  check_options(spec, keys, list, what, level + 1)
  local cols = column_list(spec, what, level + 1)
  if #cols == 0 then fail(level + 1, nil, what .. " needs at least one column") end
  local deferrable, deferred = deferral(spec, what, level + 1)
  return { __tide = tag, columns = cols, name = check_string(spec.name, what .. ": name", level + 1),
           deferrable = deferrable, initiallyDeferred = deferred,
           onConflict = conflict(spec.onConflict, what, level + 1),
           comment = check_string(spec.comment, what .. ": comment", level + 1),
           include = include_list(spec.include, what, level + 1) }
end

-- A key entry "col desc" or "col asc" (the last word, any case): the column
-- and whether it sorts DESC; any other entry is a column name, spaces and all.
local function key_entry(entry)
  local col, order = entry:match("^%s*(.-)%s+(%a+)%s*$")
  order = order and order:lower()
  if col and col ~= "" and (order == "desc" or order == "asc") then return col, order == "desc" end
  return entry, false
end

--- t.primary { "a", "b desc", name =, onConflict = "rollback", include = { "c" }, desc = { "b" } }
--   -> a composite primary key ("b desc" and desc = { "b" } say the same: b sorts DESC, SQLite)
function M.primary(spec)
  local key = key_spec(spec, "primary", "t.primary", PRIMARY_KEYS, PRIMARY_LIST, 2)
  local desc = spec.desc
  if type(desc) == "string" then desc = { desc } end
  if desc ~= nil and type(desc) ~= "table" then fail(2, nil, "t.primary: desc must be a list of columns") end
  local position, list = {}, {}
  for i, c in ipairs(key.columns) do
    local col, down = key_entry(c)
    key.columns[i] = col
    position[col] = i
    if down then list[#list + 1] = col end
  end
  for _, c in ipairs(desc or {}) do
    if not position[c] then
      fail(2, nil, format("t.primary: desc names '%s', which is not one of the key's columns", tostring(c)))
    end
    list[#list + 1] = c
  end
  if #list > 0 then key.desc = list end
  return key
end

local UNIQUE_KEYS, UNIQUE_LIST = keyset { "name", "deferrable", "initiallyDeferred", "nullsNotDistinct",
  "onConflict", "comment", "include" }

--- t.unique { "a", "b", name =, onConflict = "replace", include = { "c" } } -> a unique constraint
function M.unique(spec)
  local key = key_spec(spec, "unique", "t.unique", UNIQUE_KEYS, UNIQUE_LIST, 2)
  key.nullsNotDistinct = check_bool(spec.nullsNotDistinct, "t.unique: nullsNotDistinct", 2)
  return key
end

local INDEX_KEYS, INDEX_LIST = keyset { "name", "unique", "where", "using", "expression", "desc",
  "comment", "include", "with", "nullsNotDistinct" }

-- The suffixes an index entry may have, as (order, nulls): " desc nulls last".
local SUFFIXES = {}
for _, order in ipairs { "", " asc", " desc" } do
  for _, nulls in ipairs { "", " nulls first", " nulls last" } do
    SUFFIXES[order .. nulls] = { order == " desc" and " desc" or "", nulls }
  end
end

-- An index entry "col [asc|desc] [nulls first|last]" (any case) as
-- (column, " desc" or "", " nulls ..." or ""); raises on anything else.
local function index_entry(entry, level)
  if not entry:find("%s") then return entry, "", "" end   -- "col": the usual entry, no pattern to match
  local col, rest = entry:match("^%s*([^%s]+)(.-)%s*$")
  local suffix = SUFFIXES[(rest or ""):lower():gsub("%s+", " ")]
  if not col or not suffix then
    fail(level + 1, nil, format("t.index: '%s' is not a column entry (write \"col\", \"col desc\" or "
      .. "\"col desc nulls last\"; for anything else use expression = \"...\")", entry))
  end
  return col, suffix[1], suffix[2]
end

--- t.index { "a", "b desc", name=, unique=, where=, using=, expression=, desc= }
function M.index(spec)
  spec_table(spec, "t.index", "t.index { \"a\", \"b\" }", 2)
  check_options(spec, INDEX_KEYS, INDEX_LIST, "t.index", 2)
  local cols = column_list(spec, "t.index", 2)
  local expression = check_string(spec.expression, "t.index: expression", 2)
  if expression and #cols > 0 then
    fail(2, nil, "t.index: give either columns or expression = \"...\", not both")
  elseif not expression and #cols == 0 then
    fail(2, nil, "t.index needs columns (t.index { \"a\" }) or expression = \"...\"")
  end
  local desc = spec.desc
  if type(desc) == "string" then desc = { desc } end
  if desc ~= nil and type(desc) ~= "table" then fail(2, nil, "t.index: desc must be a list of columns") end
  if desc and expression then fail(2, nil, "t.index: desc applies to columns, not to an expression") end
  local orders, nulls, position = {}, {}, {}
  for i, c in ipairs(cols) do
    cols[i], orders[i], nulls[i] = index_entry(c, 2)
    position[cols[i]] = i
  end
  for _, c in ipairs(desc or {}) do
    local i = position[c]
    if not i then
      fail(2, nil, format("t.index: desc names '%s', which is not one of the index's columns", tostring(c)))
    end
    orders[i] = " desc"
  end
  local entries = {}
  for i, c in ipairs(cols) do entries[i] = c .. orders[i] .. nulls[i] end
  local using = check_string(spec.using, "t.index: using", 2)
  local include = include_list(spec.include, "t.index", 2)
  return {
    include = include,
    __tide = "index", columns = entries, expression = expression,
    name = check_string(spec.name, "t.index: name", 2),
    unique = check_bool(spec.unique, "t.index: unique", 2),
    nullsNotDistinct = check_bool(spec.nullsNotDistinct, "t.index: nullsNotDistinct", 2),
    where = check_string(spec.where, "t.index: where", 2),
    using = using and using:lower(),
    comment = check_string(spec.comment, "t.index: comment", 2),
    with = check_string(spec.with, "t.index: with", 2),
  }
end

local FOREIGN_KEYS, FOREIGN_LIST = keyset { "table", "columns", "onDelete", "onUpdate", "name",
  "deferrable", "initiallyDeferred", "notValid", "comment", "matchFull" }

--- t.foreign { "a", table=, columns=, onDelete=, onUpdate=, name=, deferrable=, initiallyDeferred=,
--   notValid=, comment=, matchFull= }
function M.foreign(spec)
  spec_table(spec, "t.foreign", "t.foreign { \"org_id\", table = \"org\", columns = { \"id\" } }", 2)
  check_options(spec, FOREIGN_KEYS, FOREIGN_LIST, "t.foreign", 2)
  local cols = column_list(spec, "t.foreign", 2)
  if #cols == 0 then fail(2, nil, "t.foreign needs its columns: t.foreign { \"org_id\", table = \"org\" }") end
  local name, schema, bad = split_name(spec.table)
  if bad then fail(2, nil, "t.foreign: table = the referenced table: " .. bad) end
  local refs = spec.columns
  if type(refs) == "string" then refs = { refs } end
  if refs ~= nil then
    if type(refs) ~= "table" then fail(2, nil, "t.foreign: columns must be a list of the referenced columns") end
    refs = column_list(refs, "t.foreign: columns", 2)
    if #refs ~= #cols then
      fail(2, nil, format("t.foreign: %d column%s reference %d column%s of '%s'; give as many of each",
        #cols, #cols == 1 and "" or "s", #refs, #refs == 1 and "" or "s", spec.table))
    end
  end
  local deferred = check_bool(spec.initiallyDeferred, "t.foreign: initiallyDeferred", 2)
  if deferred and spec.deferrable == false then
    fail(2, nil, "t.foreign: initiallyDeferred needs deferrable (leave deferrable out or set it true)")
  end
  return {
    __tide = "foreign", columns = cols, table = name, schema = schema, refColumns = refs,
    onDelete = action(spec.onDelete, "t.foreign: onDelete", 2, nil, true),
    onUpdate = action(spec.onUpdate, "t.foreign: onUpdate", 2),
    name = check_string(spec.name, "t.foreign: name", 2),
    deferrable = (check_bool(spec.deferrable, "t.foreign: deferrable", 2) or deferred) or nil,
    initiallyDeferred = deferred,
    notValid = check_bool(spec.notValid, "t.foreign: notValid", 2),
    comment = check_string(spec.comment, "t.foreign: comment", 2),
    matchFull = check_bool(spec.matchFull, "t.foreign: matchFull", 2),   -- MATCH FULL (PostgreSQL)
  }
end

--- t.check(name, expr) -> a check constraint
local CHECK_KEYS, CHECK_LIST = keyset { "notValid", "noInherit", "comment" }

function M.check(name, expr, opts)
  if not nonempty(name) or not nonempty(expr) then
    fail(2, nil, "t.check(name, expr) needs a name and an SQL expression, e.g. "
      .. "t.check(\"price_positive\", \"price > 0\")")
  end
  if opts ~= nil and type(opts) ~= "table" then
    fail(2, nil, "t.check(name, expr, options): options must be a table, e.g. { notValid = true }")
  end
  opts = opts or {}
  check_options(opts, CHECK_KEYS, CHECK_LIST, "t.check", 2)
  return { __tide = "check", name = name, expr = expr,
           notValid = check_bool(opts.notValid, "t.check: notValid", 2),
           noInherit = check_bool(opts.noInherit, "t.check: noInherit", 2),
           comment = check_string(opts.comment, "t.check: comment", 2) }
end

-- ---- tables -----------------------------------------------------------------

-- `return t.table "x" { ... }` is a tail call: by the time the items are
-- checked, the file's frame is gone. Errors found then carry the position
-- recorded when t.table "x" was called.
local Tbl = {}
local TblMT = { __name = "tide.schema.table" }

-- Raises "file:line: table 'x'[, column 'y']: msg" for the table builder b.
local function tfail(b, column, msg)
  local subject = column and format("table '%s', column '%s': ", b.__name_, column)
                  or format("table '%s': ", b.__name_)
  if b.__line then error(format("%s:%d: %s%s", b.__src, b.__line, subject, msg), 0) end
  error(subject .. msg, 3)
end

-- The column's definition, checked as a whole: d of a builder, or a plain
-- column definition. (Not copied: a builder used in several tables gives
-- them one shared, read-only definition.)
local function check_column(b, d)
  if not nonempty(d.name) then tfail(b, nil, "a column definition has no name") end
  if not d.type then
    tfail(b, d.name, "the column has no type (add one, e.g. :integer(), :text(), :varchar(255))")
  end
  if d.notNull and d.nullable then
    tfail(b, d.name, ":notNull() and :nullable() contradict each other; keep one")
  end
  if d.autoincrement and d.default ~= nil then
    tfail(b, d.name, "a serial column takes its default from its sequence; remove :default()")
  end
  if d.generated and (d.default ~= nil or d.autoincrement) then
    tfail(b, d.name, format("a generated column takes its value from its expression; remove %s",
      d.default ~= nil and ":default()" or "the serial type (use :integer() or :bigint())"))
  end
  if d.generated and d.primary then
    tfail(b, d.name, "a generated column cannot be in the primary key")
  end
  if d.sequence and not d.autoincrement then
    tfail(b, d.name, ":sequence() applies to a serial or :identity() column")
  end
  if d.sequenceComment and not d.autoincrement then
    tfail(b, d.name, ":sequenceComment() applies to a serial or :identity() column")
  end
end

local LISTS = { index = "indexes", unique = "uniques", foreign = "foreigns", check = "checks" }

-- Files item i, which is not a column, into the definition t.
local function add_item(b, t, item, i, kind)
  if LISTS[kind] then
    local list = t[LISTS[kind]]
    list[#list + 1] = item
  elseif kind == "primary" then
    if t.primary then tfail(b, nil, "t.primary is given twice") end
    t.primary = item
  elseif kind == "object" or kind == "object builder" then
    tfail(b, nil, format("item %d is a %s ('%s'), which is not a table item: return it beside the "
      .. "table (return { t.table \"%s\" { ... }, the %s })", i, tostring(item.kind or item.__kind),
      tostring(item.name or item.__name_), b.__name_, tostring(item.kind or item.__kind)))
  else
    tfail(b, nil, format("item %d is not a column or a table item (t.col, t.primary, t.index, "
      .. "t.unique, t.foreign, t.check) but %s", i,
      item == nil and "nil (is there a hole in the list?)" or type(item) == "table" and
      (kind and "a " .. tostring(kind) or "a plain table") or "a " .. type(item)))
  end
end

-- Raises unless every entry ("col" or "col desc") names a column of t.
local function check_columns(b, t, names, cols, what)
  for _, entry in ipairs(cols or {}) do
    local col = entry
    if not names[col] then col = col:match("^%S+") end
    if not names[col] and not rawget(b, "__inherits") then   -- an inherited column: the model checks it
      local list = {}
      for _, c in ipairs(t.columns) do list[#list + 1] = c.name end
      tfail(b, nil, format("%s names column '%s', which the table does not have%s", what, col,
        suggest(col, list)))
    end
  end
end

-- Whole-table rules: one way of giving the key, items that name existing
-- columns. names maps the column names to their definitions.
-- A table without columns is PostgreSQL's (CREATE TABLE t ()); SQLite's
-- driver refuses it.
local function check_table(b, t, names, keyed)
  if t.primary and keyed then
    tfail(b, nil, format("the primary key is given twice: column '%s' has :primary() and the "
      .. "table has t.primary { ... }; keep one", keyed))
  end
  if t.primary then
    check_columns(b, t, names, t.primary.columns, "t.primary")
    if t.primary.include then check_columns(b, t, names, t.primary.include, "t.primary: include") end
  end
  for _, ix in ipairs(t.indexes) do check_columns(b, t, names, ix.columns, "t.index") end
  for _, u in ipairs(t.uniques) do
    check_columns(b, t, names, u.columns, "t.unique")
    if u.include then check_columns(b, t, names, u.include, "t.unique: include") end
  end
  for _, f in ipairs(t.foreigns) do check_columns(b, t, names, f.columns, "t.foreign") end
end

-- The number of items: the list's length, refusing other keys.
local function count_items(b, items)
  local n = 0
  for k in pairs(items) do
    if mathtype(k) ~= "integer" or k < 1 then
      tfail(b, nil, format("unexpected key '%s' among the items (items are a list)", tostring(k)))
    end
    if k > n then n = k end
  end
  return n
end

-- t.table "name" { items } -> the table definition. Columns take the short
-- path: this runs for every column of the schema.
function TblMT.__call(b, items)
  pending = nil
  -- while a folder loads: straight into the model when nothing needs saying
  -- (src/lua/model_lua.c's early_table), else the path below
  local fast = M.__fast
  if fast then
    local standin = fast(b, items)
    if standin then return standin end
  end
  if type(items) ~= "table" or rawget(items, "__tide") then
    tfail(b, nil, format("t.table \"%s\" is called with a list of items: t.table \"%s\" { t.col ... }",
      b.__name_, b.__name_))
  end
  local columns, names, ncols, keyed, enums = {}, {}, 0, nil, false
  -- rawget: the builder's options that were not given are absent, and
  -- reading them through TblMT.__index (a function) was a tenth of the DSL's time.
  local t = { __tide = "table", name = rawget(b, "__table"), schema = rawget(b, "__schema"),
              comment = rawget(b, "__comment"), renamedFrom = rawget(b, "__renamedFrom"), columns = columns,
              indexes = {}, uniques = {}, foreigns = {}, checks = {}, strict = rawget(b, "__strict"),
              withoutRowid = rawget(b, "__withoutRowid"), unlogged = rawget(b, "__unlogged"),
              rowLevelSecurity = rawget(b, "__rowLevelSecurity"),
              forceRowLevelSecurity = rawget(b, "__forceRowLevelSecurity"),
              partitionBy = rawget(b, "__partitionBy"), inherits = rawget(b, "__inherits"),
              clusterOn = rawget(b, "__clusterOn"), replicaIdentity = rawget(b, "__replicaIdentity"),
              with = rawget(b, "__with") }
  for i = 1, count_items(b, items) do
    local item = items[i]
    local kind = type(item) == "table" and rawget(item, "__tide")
    if not kind and shadow_of and type(item) == "userdata" then
      local shadow = shadow_of(item)
      if shadow then item, kind = shadow, "column builder" end
    end
    local d = kind == "column builder" and item.__def or kind == "column" and item
    if d then
      -- a builder whose methods set nothing check_column looks at skips it
      -- (its __rare says otherwise: serial, identity, notNull, generated,
      -- sequence, sequenceComment, enum)
      if kind == "column" or not d.type or rawget(item, "__rare") then
        check_column(b, d)
        if d.enum then enums = true end
      end
      local name = d.name
      if names[name] then tfail(b, nil, format("column '%s' is defined twice", name)) end
      ncols = ncols + 1
      columns[ncols], names[name] = d, d
      if d.primary and not keyed then keyed = name end
    else
      add_item(b, t, item, i, kind)
    end
  end
  check_table(b, t, names, keyed)
  if t.withoutRowid and not (keyed or t.primary) then
    tfail(b, nil, "a :withoutRowid() table needs a primary key (:primary() on a column, or t.primary { ... })")
  end
  -- While a schema folder loads, M.__sink (model_lua.c) converts the table
  -- now and gives a stand-in for it: the definition is garbage at once. A
  -- table declaring an enum is converted where the file returns it.
  local sink = M.__sink
  if sink and not enums then return sink(t) or t end
  return t
end

TblMT.__index = function(b, k)
  local m = Tbl[k]
  if m then return m end
  if type(k) == "string" and k:sub(1, 2) == "__" then return nil end
  error(format("table '%s': no method :%s()%s", rawget(b, "__name_"), tostring(k),
    suggest(tostring(k), { "comment", "renamedFrom", "strict", "withoutRowid", "unlogged", "rowLevelSecurity",
      "forceRowLevelSecurity", "partitionBy", "inherits", "clusterOn", "replicaIdentity", "with" })), 2)
end

function Tbl:renamedFrom(old)
  local _, _, bad = split_name(old)
  if bad then error(format("table '%s': :renamedFrom(old): %s", self.__name_, bad), 2) end
  if self.__renamedFrom then error(format("table '%s': :renamedFrom() is given twice", self.__name_), 2) end
  self.__renamedFrom = old
  return self
end

function Tbl:comment(text)
  if type(text) ~= "string" then error(format("table '%s': :comment(text) needs a string", self.__name_), 2) end
  if self.__comment then error(format("table '%s': :comment() is given twice", self.__name_), 2) end
  self.__comment = text
  return self
end

-- Table options: :strict() (SQLite STRICT), :withoutRowid() (SQLite WITHOUT
-- ROWID), :unlogged() (PostgreSQL UNLOGGED), :rowLevelSecurity() and
-- :forceRowLevelSecurity() (PostgreSQL ENABLE / FORCE ROW LEVEL SECURITY: its
-- t.policy rows apply); a database without one refuses it.
for method, field in pairs { strict = "__strict", withoutRowid = "__withoutRowid", unlogged = "__unlogged",
                             rowLevelSecurity = "__rowLevelSecurity",
                             forceRowLevelSecurity = "__forceRowLevelSecurity" } do
  Tbl[method] = function(self, extra)
    if extra ~= nil then error(format("table '%s': :%s() takes no arguments", self.__name_, method), 2) end
    if self[field] then error(format("table '%s': :%s() is given twice", self.__name_, method), 2) end
    self[field] = true
    return self
  end
end

-- set_text_once(tbl, "method", value, needs): a table option given once as
-- non-blank text, kept in tbl.__method; errors (at the caller of the method)
-- say what it needs or that it was given twice.
local function set_text_once(self, method, value, needs)
  if type(value) ~= "string" or not value:find("%S") then
    error(format("table '%s': %s", self.__name_, needs), 3)
  end
  if self["__" .. method] then error(format("table '%s': :%s() is given twice", self.__name_, method), 3) end
  self["__" .. method] = value
end

-- :partitionBy "range (created_at)" (PostgreSQL): a partitioned table; its
-- partitions are t.partition "name" { table = "...", sql = [[for values ...]] }.
function Tbl:partitionBy(key)
  set_text_once(self, "partitionBy", key,
    ":partitionBy(key) needs the partition key, e.g. :partitionBy \"range (created_at)\"")
  return self
end

-- :clusterOn "index" (PostgreSQL CLUSTER ON): the index, or the key
-- constraint, that CLUSTER orders the table by.
function Tbl:clusterOn(index)
  set_text_once(self, "clusterOn", index,
    format(":clusterOn(index) needs the name of one of its indexes, e.g. :clusterOn \"%s_pkey\"", self.__name_))
  return self
end

-- :replicaIdentity "full" (PostgreSQL REPLICA IDENTITY): what logical
-- replication logs of a changed row: "full", "nothing", "default" or
-- "using index NAME" (a unique index or key constraint of the table).
function Tbl:replicaIdentity(what)
  set_text_once(self, "replicaIdentity", what,
    format(":replicaIdentity(what) needs \"full\", \"nothing\", \"default\" or \"using index NAME\", "
      .. "e.g. :replicaIdentity \"using index %s_pkey\"", self.__name_))
  return self
end

-- :with "fillfactor=70, autovacuum_enabled=false" (PostgreSQL storage
-- parameters, WITH (...)), written as pg_class.reloptions keeps them.
function Tbl:with(params)
  set_text_once(self, "with", params, ":with(params) needs storage parameters, e.g. :with \"fillfactor=70\"")
  return self
end

-- :inherits "parent" or :inherits { "a", "b" } (PostgreSQL INHERITS): the
-- table has its parents' columns besides its own.
function Tbl:inherits(parents)
  if type(parents) == "string" then parents = { parents } end
  if type(parents) ~= "table" or #parents == 0 then
    error(format("table '%s': :inherits(parents) needs a table name or a list of them", self.__name_), 2)
  end
  for _, p in ipairs(parents) do
    if type(p) ~= "string" or not p:find("%S") then
      error(format("table '%s': :inherits(): a parent must be a table name", self.__name_), 2)
    end
  end
  if self.__inherits then error(format("table '%s': :inherits() is given twice", self.__name_), 2) end
  self.__inherits = parents
  return self
end

--- t.table "name" | "schema.name" -> a table builder: call it with the items.
function M.table(qualified)
  local name, schema, bad = split_name(qualified)
  if bad then error("t.table(name): " .. bad, 2) end
  local info = getinfo and getinfo(2, "Sl")
  local b = setmetatable({ __tide = "table builder", __name_ = qualified, __table = name,
                           __schema = schema }, TblMT)
  if info and info.currentline > 0 then
    b.__src, b.__line, b.__source = info.short_src, info.currentline, info.source
    pending = b
  end
  return b
end

-- ---- namespaces ---------------------------------------------------------------

--- t.schema "name" -> a namespace (PostgreSQL CREATE SCHEMA) the definitions
-- have even with nothing in it. A namespace that a table, an enum or an object
-- names needs no declaration: it is created with the first of them and
-- dropped with the last.
-- Its comment (COMMENT ON SCHEMA): t.schema "billing" { comment = "..." }.
local SCHEMA_KEYS, SCHEMA_LIST = keyset { "comment" }
local SchemaMT = {}
function SchemaMT.__call(ns, opts)
  if type(opts) ~= "table" then
    error(format("t.schema '%s' { comment = \"...\" }: the options must be a table", ns.name), 2)
  end
  for k in pairs(opts) do
    if not SCHEMA_KEYS[k] then
      error(format("t.schema '%s': unknown option '%s'%s", ns.name, tostring(k), suggest(tostring(k), SCHEMA_LIST)), 2)
    end
  end
  if opts.comment ~= nil and type(opts.comment) ~= "string" then
    error(format("t.schema '%s': comment must be a string", ns.name), 2)
  end
  rawset(ns, "comment", opts.comment)
  return ns
end

function M.schema(name)
  if not nonempty(name) or name:find(".", 1, true) then
    error(format("t.schema(name): a schema's name must be a non-empty string without a dot, not %s",
      type(name) == "string" and format("'%s'", name) or "a " .. type(name)), 2)
  end
  return setmetatable({ __tide = "namespace", name = name }, SchemaMT)
end

-- t.enum("status", { "a", "b" } [, { comment = "..." }]): an enum that no
-- column declares (one made before the column that takes it, or only an
-- array's elements); a column then names it with :type "status".
function M.enum(name, values, opts)
  if not nonempty(name) then error("t.enum(name, values): the enum's name must be a non-empty string", 2) end
  if type(values) ~= "table" then
    error(format("t.enum('%s', values) needs its values: t.enum('%s', { 'a', 'b' })", name, name), 2)
  end
  local copy, seen = {}, {}
  for i = 1, #values do
    local v = values[i]
    if type(v) ~= "string" then error(format("enum '%s': value %d must be a string", name, i), 2) end
    if seen[v] then error(format("enum '%s': the value '%s' is listed twice", name, v), 2) end
    seen[v], copy[i] = true, v
  end
  if opts ~= nil then
    local ok = type(opts) == "table" and (opts.comment == nil or type(opts.comment) == "string")
    for k in pairs(ok and opts or {}) do ok = ok and k == "comment" end
    if not ok then error(format("t.enum('%s', values, options): options must be { comment = \"...\" }", name), 2) end
  end
  return { __tide = "enum", name = name, values = copy, comment = opts and opts.comment }
end

-- ---- objects beside tables ---------------------------------------------------

-- Every other schema object is defined by its SQL text, one generic path for
-- all of them: the DSL word and the kind's name in tide_object_kinds
-- (model.c), and whether the kind belongs to a table (TIDE_OBJK_ON_TABLE).
-- What the text holds is the kind's: the query of a view, the whole CREATE
-- statement of a function, a trigger or a policy, the module and arguments
-- of a virtual table, the options of a sequence. (A function is t.func:
-- `function` is a Lua keyword.)
local KINDS = {
  { word = "extension",        kind = "extension",         example = "[[schema public]]" },
  { word = "collation",        kind = "collation",         example = "[[provider = icu, locale = 'und-u-ks-level2', deterministic = false]]" },
  { word = "textSearchDictionary", kind = "text search dictionary", example = "[[template = simple, stopwords = english]]" },
  { word = "textSearchConfiguration", kind = "text search configuration", example = "[[copy = english; alter mapping for word with unaccent, english_stem]]" },
  { word = "domain",           kind = "domain",            example = "[[integer not null check (value > 0)]]" },
  { word = "compositeType",    kind = "type",              example = "[[x double precision, y double precision]]" },
  { word = "rangeType",        kind = "range type",        example = "[[subtype = double precision, subtype_diff = float8mi]]" },
  { word = "sequence",         kind = "sequence",          example = "[[as bigint start with 10000]]" },
  { word = "func",             kind = "function",          example = "[[create function ... ]]" },
  { word = "aggregate",        kind = "aggregate",         example = "[[create aggregate ... ]]" },
  { word = "operator",         kind = "operator",          example = "[[function = eq_abs, leftarg = integer, rightarg = integer, commutator = ===]]" },
  { word = "operatorFamily",   kind = "operator family",   example = "[[using btree]]" },
  { word = "operatorClass",    kind = "operator class",    example = "[[default for type point2 using btree as operator 1 <<<, function 1 point2_cmp(point2, point2)]]" },
  { word = "cast",             kind = "cast",              example = "[[with function to_point2(text) as implicit]]" },
  { word = "foreignDataWrapper", kind = "foreign data wrapper", example = "[[handler my_handler validator my_validator options (debug 'true')]]" },
  { word = "foreignServer",    kind = "foreign server",    example = "[[foreign data wrapper postgres_fdw options (dbname 'app', host 'db1')]]" },
  { word = "virtualTable",     kind = "virtual table",     example = "[[fts5(title, body)]]" },
  { word = "partition",        kind = "partition",         example = "[[for values in ('eu')]]", onTable = true },
  { word = "partitionIndex",   kind = "partition index",   example = "[[create index ... on partition (...)]]" },
  { word = "partitionConstraint", kind = "partition constraint", example = "[[check (amount > 0)]]", onTable = true },
  { word = "attachedIndex",    kind = "attached index",    example = "\"event_at_idx\"", onTable = true },
  { word = "foreignTable",     kind = "foreign table",     example = "[[(id integer not null, name text) server films options (table_name 'film')]]" },
  { word = "view",             kind = "view",              example = "[[select ...]]" },
  { word = "materializedView", kind = "materialized view", example = "[[select ...]]" },
  { word = "materializedViewIndex", kind = "materialized view index", example = "[[create index ... on mv (...)]]" },
  { word = "trigger",          kind = "trigger",           example = "[[create trigger ... ]]", onTable = true },
  { word = "rule",             kind = "rule",              example = "[[create rule ... as on delete to t do instead nothing]]", onTable = true },
  { word = "policy",           kind = "policy",            example = "[[create policy ... ]]", onTable = true },
  { word = "statistics",       kind = "statistics",        example = "[[create statistics ... on a, b from t]]", onTable = true },
  { word = "exclusion",        kind = "exclusion constraint", example = "[[exclude using gist (room with =, during with &&)]]", onTable = true },
  { word = "publication",      kind = "publication",       example = "[[for table orders, customers with (publish = 'insert, update')]]" },
  { word = "eventTrigger",     kind = "event trigger",     example = "[[on ddl_command_end execute function log_ddl()]]" },
  { word = "sequenceOwner",    kind = "sequence owner",    example = "[[number]]", onTable = true },
}

local OBJECT_KEYS, OBJECT_LIST = keyset { "sql", "table", "comment", "renamedFrom", "with", "enabled",
                                          "columnComments", "replicaIdentity", "columnDefaults",
                                          "rowLevelSecurity", "forceRowLevelSecurity" }
local COLUMN_COMMENTED = { view = true, ["materialized view"] = true, partition = true, type = true }

local Obj = {}
local ObjMT = { __name = "tide.schema.object" }

-- Raises "file:line: view 'v': msg" at the line of t.view "v".
local function ofail(b, msg, level)
  local subject = format("%s '%s': ", b.__kind, b.__name_)
  if b.__line then error(format("%s:%d: %s%s", b.__src, b.__line, subject, msg), 0) end
  error(subject .. msg, level + 1)
end

-- The option v (a non-empty string or nil) of the object b.
local function object_string(b, v, what, level)
  if v ~= nil and not nonempty(v) then
    ofail(b, format("%s must be a non-empty string, not %s", what,
      type(v) == "string" and "''" or "a " .. type(v)), level + 1)
  end
  return v
end

-- The table an object is on: "name" (in the object's schema) or
-- "schema.name" (the object's schema, when it has none); a partition's
-- table may be in another schema than the partition ("gitlab_partitions.p"
-- of "public.events"): then its schema, third.
local function object_table(b, spec, level)
  local tbl = object_string(b, spec.table, "table", level + 1)
  if tbl == nil then
    if b.__onTable then
      ofail(b, format("%s %s needs the table it is on: t.%s \"%s\" { table = \"users\", sql = %s }",
        b.__kind:match("^[aeiou]") and "an" or "a",
        b.__kind, b.__word, b.__name_, b.__example), level + 1)
    end
    return nil, b.__schema
  end
  if not b.__onTable then
    ofail(b, format("table = is for triggers, policies and partitions; a %s is not on a table", b.__kind), level + 1)
  end
  local name, schema, bad = split_name(tbl)
  if bad then ofail(b, "table: " .. bad, level + 1) end
  if schema and b.__schema and schema ~= b.__schema then
    if b.__kind == "partition" then return name, b.__schema, schema end
    ofail(b, format("the table '%s' is in another schema than the %s ('%s'); they share one "
      .. "(only a partition may live apart from its table)", tbl, b.__kind, b.__schema), level + 1)
  end
  return name, schema or b.__schema
end

-- The option key of object b, a map { column = value } (what: "comment",
-- example: "{ id = \"the key\" }", valid: whether a value is one), only on
-- the kinds of `kinds` (said as `where`): the map, or nil.
local function column_map_option(b, spec, key, kinds, where, what, example, valid)
  local map = spec[key]
  if map == nil then return nil end
  if not kinds[b.__kind] then ofail(b, format("%s = is for %s", key, where), 3) end
  if type(map) ~= "table" then
    ofail(b, format("%s must be a table { column = \"%s\" }, not a %s", key, what, type(map)), 3)
  end
  for k, v in pairs(map) do
    if not nonempty(k) or not valid(v) then
      ofail(b, format("%s maps column names to %s: %s", key,
        what == "sql" and "SQL expressions" or what .. "s", example), 3)
    end
  end
  return map
end

-- t.view "v" [[sql]] or t.view "v" { sql = [[...]], table =, comment =, renamedFrom = }
-- -> the object's definition.
function ObjMT.__call(b, spec)
  if type(spec) == "string" then spec = { sql = spec } end
  if type(spec) ~= "table" or rawget(spec, "__tide") then
    ofail(b, format("t.%s \"%s\" is called with its SQL text or an options table: t.%s \"%s\" %s or "
      .. "t.%s \"%s\" { sql = %s }", b.__word, b.__name_, b.__word, b.__name_, b.__example,
      b.__word, b.__name_, b.__example), 2)
  end
  for k in pairs(spec) do
    if not OBJECT_KEYS[k] then
      ofail(b, format("unknown option '%s'%s", tostring(k), suggest(tostring(k), OBJECT_LIST)), 2)
    end
  end
  if spec.sql == nil then
    ofail(b, format("the SQL text is missing: t.%s \"%s\" %s or t.%s \"%s\" { sql = %s }",
      b.__word, b.__name_, b.__example, b.__word, b.__name_, b.__example), 2)
  end
  local sql = object_string(b, spec.sql, "sql", 2)
  local tbl, schema, tableSchema = object_table(b, spec, 2)
  local comment = spec.comment
  if comment ~= nil and type(comment) ~= "string" then
    ofail(b, format("comment must be a string, not a %s", type(comment)), 2)
  end
  if b.__comment ~= nil and comment ~= nil then ofail(b, "the comment is given twice", 2) end
  local renamed = object_string(b, spec.renamedFrom, "renamedFrom", 2)
  if b.__renamedFrom ~= nil and renamed ~= nil then ofail(b, "renamedFrom is given twice", 2) end
  local with = object_string(b, spec.with, "with", 2)
  if with ~= nil and b.__kind ~= "view" and b.__kind ~= "materialized view" and b.__kind ~= "partition" then
    ofail(b, "with = (options) is for views, materialized views and partitions", 2)
  end
  -- enabled = false | "replica" | "always" (a trigger that does not fire as by default)
  local enabled = spec.enabled
  if enabled ~= nil and b.__kind ~= "trigger" and b.__kind ~= "event trigger" then
    ofail(b, "enabled = is for triggers", 2)
  end
  if enabled == true then
    enabled = nil
  elseif enabled == false then
    enabled = "disabled"
  elseif enabled ~= nil and enabled ~= "replica" and enabled ~= "always" and enabled ~= "disabled" then
    ofail(b, format("enabled must be false (disabled), \"replica\" or \"always\", not %s",
      type(enabled) == "string" and format("'%s'", enabled) or "a " .. type(enabled)), 2)
  end
  -- replicaIdentity = "full" | "nothing" | "default" (a partition's REPLICA
  -- IDENTITY; finish checks the word)
  local replica = object_string(b, spec.replicaIdentity, "replicaIdentity", 2)
  if replica ~= nil and b.__kind ~= "partition" then
    ofail(b, "replicaIdentity = is for partitions (a table says :replicaIdentity)", 2)
  end
  -- columnComments = { column = "comment" } (COMMENT ON COLUMN of a view's,
  -- a materialized view's, a partition's or a type's column)
  local cc = column_map_option(b, spec, "columnComments", COLUMN_COMMENTED,
    "views, materialized views, partitions and types", "comment", "{ id = \"the key\" }",
    function(v) return type(v) == "string" end)
  -- columnDefaults = { column = "sql" } (ALTER VIEW ... ALTER COLUMN ... SET
  -- DEFAULT: what an INSERT through the view takes; a partition's own
  -- default where it differs from its table's, "null" for none)
  local cd = column_map_option(b, spec, "columnDefaults", { view = true, partition = true },
    "views (what an INSERT through the view takes) and partitions (a default of their own)", "sql",
    "{ status = \"'new'\" }", nonempty)
  -- rowLevelSecurity = true, forceRowLevelSecurity = true (a partition's
  -- own ENABLE / FORCE ROW LEVEL SECURITY: it does not take its table's)
  for _, k in ipairs { "rowLevelSecurity", "forceRowLevelSecurity" } do
    local v = spec[k]
    if v ~= nil and b.__kind ~= "partition" then
      ofail(b, k .. " = is for partitions (a table says :" .. k .. "())", 2)
    end
    if v ~= nil and type(v) ~= "boolean" then
      ofail(b, format("%s must be true or false, not a %s", k, type(v)), 2)
    end
  end
  return { __tide = "object", kind = b.__kind, name = b.__object, schema = schema, table = tbl,
           tableSchema = tableSchema,
           sql = sql, comment = comment or b.__comment, renamedFrom = renamed or b.__renamedFrom,
           with = with, enabled = enabled, columnComments = cc, replicaIdentity = replica,
           columnDefaults = cd, rowLevelSecurity = spec.rowLevelSecurity or nil,
           forceRowLevelSecurity = spec.forceRowLevelSecurity or nil }
end

ObjMT.__index = function(b, k)
  local m = Obj[k]
  if m then return m end
  if type(k) == "string" and k:sub(1, 2) == "__" then return nil end
  error(format("%s '%s': no method :%s()%s", rawget(b, "__kind"), rawget(b, "__name_"), tostring(k),
    suggest(tostring(k), { "comment", "renamedFrom" })), 2)
end

function Obj:comment(text)
  if type(text) ~= "string" then ofail(self, ":comment(text) needs a string", 2) end
  if self.__comment then ofail(self, ":comment() is given twice", 2) end
  self.__comment = text
  return self
end

function Obj:renamedFrom(old)
  object_string(self, old, ":renamedFrom(old): the old name", 2)
  if old == nil then ofail(self, ":renamedFrom(old) needs the old name", 2) end
  if self.__renamedFrom then ofail(self, ":renamedFrom() is given twice", 2) end
  self.__renamedFrom = old
  return self
end

for _, k in ipairs(KINDS) do
  --- t.<word> "name" | "schema.name" -> an object builder: call it with the SQL.
  M[k.word] = function(qualified)
    local name, schema, bad = split_object_name(qualified)
    if k.kind == "cast" and type(qualified) == "string" then
      name, schema, bad = qualified, nil, nil   -- "source as target": its types may be qualified
    end
    if bad then error(format("t.%s(name): %s", k.word, bad), 2) end
    local info = getinfo and getinfo(2, "Sl")
    local b = setmetatable({ __tide = "object builder", __kind = k.kind, __word = k.word,
                             __example = k.example, __onTable = k.onTable, __name_ = qualified,
                             __object = name, __schema = schema }, ObjMT)
    if info and info.currentline > 0 then
      b.__src, b.__line = info.short_src, info.currentline
    end
    return b
  end
end

return M
