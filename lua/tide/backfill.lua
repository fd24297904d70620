-- tide.backfill: m:backfill{ table=, set=, where=, params=, key="id", batch=1000 }
-- (SPEC 7). Keyset-paged batched updates: each batch takes the next `batch`
-- keys after the last one done, never OFFSET; key may be a list of columns
-- (a composite key, compared as a row value). Inside a transactional
-- migration everything is in the migration's transaction; in a
-- `transactional = false` one each batch commits on its own together with
-- the position reached, kept in <tracking table>_backfill, so a run killed
-- halfway continues where it stopped and never redoes or skips a row.

local known = { "table", "set", "where", "params", "key", "batch" }

local function did_you_mean(word)
  local best, best_d
  for _, k in ipairs(known) do
    -- distance: differing letters at the same place plus the length gap
    local d = math.abs(#k - #word)
    for i = 1, math.min(#k, #word) do
      if k:sub(i, i) ~= word:sub(i, i):lower() then d = d + 1 end
    end
    if not best_d or d < best_d then best, best_d = k, d end
  end
  if best_d and best_d <= 2 then return ("; did you mean '%s'?"):format(best) end
  return " (known: " .. table.concat(known, ", ") .. ")"
end

local here = debug.getinfo(1, "S").source

-- "file:line: " of the migration that called m:backfill, "" when unknown.
local function caller()
  for level = 2, 30 do
    local info = debug.getinfo(level, "Sl")
    if not info then break end
    if info.source ~= here and info.what ~= "C" and info.currentline > 0 then
      return info.short_src .. ":" .. info.currentline .. ": "
    end
  end
  return ""
end

local function fail(fmt, ...)
  error(caller() .. "m:backfill: " .. fmt:format(...), 0)
end

local function check_options(opts)
  if type(opts) ~= "table" then
    fail("expects a table of options, m:backfill{ table = ..., set = ... }")
  end
  for k in pairs(opts) do
    local ok = false
    for _, name in ipairs(known) do ok = ok or k == name end
    if not ok then fail("unknown option '%s'%s", tostring(k), did_you_mean(tostring(k))) end
  end
  if type(opts.table) ~= "string" or opts.table == "" then
    fail("table = 'name' is required (the table whose rows are updated)")
  end
  local set = opts.set
  if type(set) ~= "function" and (type(set) ~= "table" or next(set) == nil) then
    fail("set is required: a table { column = 'SQL expression' } or a function(row) returning { column = value }")
  end
  if opts.where ~= nil and type(opts.where) ~= "string" then
    fail("where must be a SQL predicate (a string), not a %s", type(opts.where))
  end
  if opts.params ~= nil and type(opts.params) ~= "table" then
    fail("params must be a list of values for the ? placeholders of where")
  end
  if opts.params ~= nil and opts.where == nil then
    fail("params are bound to where's ? placeholders, but there is no where")
  end
  local keys = opts.key == nil and { "id" } or type(opts.key) == "string" and { opts.key } or opts.key
  local good = type(keys) == "table" and #keys > 0
  for _, k in ipairs(good and keys or {}) do good = good and type(k) == "string" and k ~= "" end
  if not good then
    fail("key must be a column name (default 'id') or a list of them for a composite key")
  end
  local batch = opts.batch == nil and 1000 or math.tointeger(opts.batch)
  if not batch or batch < 1 then
    fail("batch must be a whole number of rows, at least 1 (got %s)", tostring(opts.batch))
  end
  return { table = opts.table, set = set, where = opts.where, params = opts.params or {},
           keys = keys, batch = batch }
end

-- "schema.table" quoted part by part.
local function quote_name(db, name)
  local parts = {}
  for part in (name .. "."):gmatch("([^.]*)%.") do parts[#parts + 1] = db:quote(part) end
  return table.concat(parts, ".")
end

-- The columns of the table, as a set; nil when the table does not exist.
local function columns_of(m, name)
  local schema, tbl = name:match("^([^.]+)%.(.+)$")
  local names = m:columns(tbl or name, schema)
  if #names == 0 then return nil end
  local set = {}
  for _, c in ipairs(names) do set[c] = true end
  return set
end

local function check_column(cols, col, what, tname)
  if cols[col] then return end
  local names = {}
  for c in pairs(cols) do names[#names + 1] = c end
  table.sort(names)
  fail("%s column '%s' does not exist in table '%s' (its columns: %s)", what, col, tname,
       table.concat(names, ", "))
end

-- ---- the saved position (transactional = false only) ------------------------

local function progress_table(m)
  local cfg, mc = m.config or {}, nil
  if m.module and m.module ~= "" and cfg.modules and cfg.modules[m.module] then
    mc = cfg.modules[m.module].migrations
  end
  mc = mc or cfg.migrations or {}
  return quote_name(m.db, (mc.tableName or "tide_migrations") .. "_backfill")
end

-- A key (a list of values) as text "<len>:<value>..." and its types
-- "integer,string,...", so that it binds back exactly as it came.
local function encode_key(values)
  local text, kinds = {}, {}
  for i, v in ipairs(values) do
    local s, kind
    if math.type(v) == "integer" then s, kind = tostring(v), "integer"
    elseif type(v) == "number" then s, kind = ("%.17g"):format(v), "number"
    else s, kind = tostring(v), "string" end
    text[i], kinds[i] = #s .. ":" .. s, kind
  end
  return table.concat(text), table.concat(kinds, ",")
end

local function decode_key(text, kinds)
  local values, pos = {}, 1
  for kind in kinds:gmatch("[^,]+") do
    local len, rest = text:match("^(%d+):()", pos)
    local s = text:sub(rest, rest + tonumber(len) - 1)
    pos = rest + tonumber(len)
    values[#values + 1] = kind == "integer" and math.tointeger(s) or kind == "number" and tonumber(s) or s
  end
  return values
end

local Position = {}
Position.__index = Position

local function open_position(m, run)
  local p = setmetatable({ m = m, tbl = progress_table(m), id = run.ident,
                           migration = (m.module ~= "" and m.module .. ":" or "") .. m.name }, Position)
  m:execute(("create table if not exists %s (migration varchar(255) not null, " ..
             "backfill varchar(255) not null, last_key text not null, key_type varchar(16) not null, " ..
             "primary key (migration, backfill))"):format(p.tbl))
  local rows = m:execute(("select last_key, key_type from %s where migration = ? and backfill = ?")
                         :format(p.tbl), p.migration, p.id)
  if rows[1] then p.last = decode_key(rows[1].last_key, rows[1].key_type) end
  return p
end

function Position:save(key)
  local s, kind = encode_key(key)
  local n = self.m:execute(("update %s set last_key = ?, key_type = ? where migration = ? and backfill = ?")
                           :format(self.tbl), s, kind, self.migration, self.id)
  if n == 0 then
    self.m:execute(("insert into %s (migration, backfill, last_key, key_type) values (?, ?, ?, ?)")
                   :format(self.tbl), self.migration, self.id, s, kind)
  end
end

-- Forgets this backfill's position; the table goes when nothing else is in it.
function Position:clear()
  local m = self.m
  m:execute(("delete from %s where migration = ? and backfill = ?"):format(self.tbl), self.migration, self.id)
  if m:execute(("select count(*) as n from %s"):format(self.tbl))[1].n == 0 then
    m:execute(("drop table %s"):format(self.tbl))
  end
end

-- ---- SQL of one backfill ----------------------------------------------------

local function append(list, more)
  local out = { table.unpack(list) }
  for _, v in ipairs(more) do out[#out + 1] = v end
  return out
end

-- "key > ?" or "(k1, k2) > (?, ?)": row values compare in key order.
local function key_cond(run, op)
  local marks = ("?, "):rep(#run.keys):sub(1, -3)
  if #run.keys == 1 then return run.qkey .. " " .. op .. " ?" end
  return run.qkey .. " " .. op .. " (" .. marks .. ")"
end

local function key_of(run, row)
  local values = {}
  for i, k in ipairs(run.keys) do values[i] = row[k] end
  return values
end

-- "id = 7" or "(a, b) = (1, x)" for messages.
local function describe_key(run, values)
  local shown = {}
  for i = 1, #run.keys do shown[i] = tostring(values[i]) end
  if #run.keys == 1 then return run.keys[1] .. " = " .. shown[1] end
  return "(" .. table.concat(run.keys, ", ") .. ") = (" .. table.concat(shown, ", ") .. ")"
end

-- "key > ? and (where)" with its parameters, after position `last` (nil: from the start).
local function after(run, last)
  local conds, params = {}, {}
  if last ~= nil then conds[#conds + 1] = key_cond(run, ">"); params = append(params, last) end
  if run.where then conds[#conds + 1] = "(" .. run.where .. ")"; params = append(params, run.params) end
  if #conds == 0 then return "", params end
  return " where " .. table.concat(conds, " and "), params
end

local function count_rows(m, run, last)
  local cond, params = after(run, last)
  return m:execute(("select count(*) as n from %s%s"):format(run.qtable, cond), table.unpack(params))[1].n
end

local function refuse_null_keys(m, run)
  local cond, params = after(run, nil)
  local nulls = {}
  for i, k in ipairs(run.keys) do nulls[i] = run.qkeys[i] .. " is null" end
  local isnull = "(" .. table.concat(nulls, " or ") .. ")"
  cond = cond == "" and (" where " .. isnull) or (cond .. " and " .. isnull)
  local n = m:execute(("select count(*) as n from %s%s"):format(run.qtable, cond), table.unpack(params))[1].n
  if n > 0 then
    local names = table.concat(run.keys, ", ")
    fail("%d row(s) of '%s' have a NULL %s, which keyset paging cannot reach; page by a NOT NULL " ..
         "column (key = ...) or leave them out (where = '%s is not null')", n, run.table, names,
         table.concat(run.keys, " is not null and "))
  end
end

-- The next batch after `last`: the rows (function form) or just their keys.
local function next_batch(m, run, last)
  local cond, params = after(run, last)
  local order = table.concat(run.qkeys, ", ")
  local what = type(run.set) == "function" and "*" or order
  local sql = ("select %s from %s%s order by %s limit %d"):format(what, run.qtable, cond, order, run.batch)
  return m:execute(sql, table.unpack(params))
end

local function update_sql_form(m, run, last, hi)
  local assigns = {}
  for _, col in ipairs(run.columns) do
    assigns[#assigns + 1] = m.db:quote(col) .. " = " .. run.set[col]
  end
  local conds, params = { key_cond(run, "<=") }, hi
  if last ~= nil then table.insert(conds, 1, key_cond(run, ">")); params = append(last, hi) end
  if run.where then conds[#conds + 1] = "(" .. run.where .. ")"; params = append(params, run.params) end
  m:execute(("update %s set %s where %s"):format(run.qtable, table.concat(assigns, ", "),
            table.concat(conds, " and ")), table.unpack(params))
end

local value_types = { string = true, number = true, boolean = true, userdata = true }

local function update_row(m, run, row)
  local keyval = key_of(run, row)
  local where = describe_key(run, keyval)
  local ok, changes = pcall(run.set, row)
  if not ok then
    error(caller() .. ("m:backfill of '%s': set failed at %s: %s"):format(run.table, where,
          tostring(changes)), 0)
  end
  if changes == nil then return end
  if type(changes) ~= "table" then
    error(caller() .. ("m:backfill of '%s': set returned a %s at %s; return a table { column = value } " ..
           "or nil to leave the row"):format(run.table, type(changes), where), 0)
  end
  local cols, assigns, params = {}, {}, {}
  for col in pairs(changes) do cols[#cols + 1] = col end
  if #cols == 0 then return end
  table.sort(cols, function(a, b) return tostring(a) < tostring(b) end)
  for _, col in ipairs(cols) do
    local v = changes[col]
    if type(col) ~= "string" or not run.cols[col] then
      error(caller() .. ("m:backfill of '%s': set returned column '%s' at %s, which the table does not have")
            :format(run.table, tostring(col), where), 0)
    end
    if not value_types[type(v)] then
      error(caller() .. ("m:backfill of '%s': set returned a %s for column '%s' at %s; values are strings, " ..
             "numbers, booleans or tide.blob(...)"):format(run.table, type(v), col, where), 0)
    end
    assigns[#assigns + 1] = m.db:quote(col) .. " = ?"
    params[#params + 1] = v
  end
  local match = {}
  for i, q in ipairs(run.qkeys) do match[i] = q .. " = ?"; params[#params + 1] = keyval[i] end
  local sql = ("update %s set %s where %s"):format(run.qtable, table.concat(assigns, ", "),
                                                   table.concat(match, " and "))
  -- one prepared statement per set of columns returned, for the whole run
  local st = run.stmts[sql]
  if not st then st = m.db:prepare(sql); run.stmts[sql] = st end
  st:exec(table.unpack(params))
end

-- One batch after `last`; returns the last key it covered, nil when none was left.
local function do_batch(m, run, last)
  local rows = next_batch(m, run, last)
  if #rows == 0 then return nil, 0 end
  local hi = key_of(run, rows[#rows])
  if type(run.set) == "function" then
    for _, row in ipairs(rows) do update_row(m, run, row) end
  else
    update_sql_form(m, run, last, hi)
  end
  return hi, #rows
end

-- ---- the method -------------------------------------------------------------

local ordinals = setmetatable({}, { __mode = "k" })

local function prepare(m, opts)
  local run = check_options(opts)
  ordinals[m] = (ordinals[m] or 0) + 1
  run.ident = run.table .. "#" .. ordinals[m]
  run.cols = columns_of(m, run.table)
  if not run.cols then
    fail("table '%s' does not exist (create it in an earlier migration, or check the name)", run.table)
  end
  for _, k in ipairs(run.keys) do check_column(run.cols, k, "key", run.table) end
  if type(run.set) == "table" then
    run.columns = {}
    for col, expr in pairs(run.set) do
      if type(col) ~= "string" or type(expr) ~= "string" then
        fail("set = { column = 'SQL expression' } needs column names and SQL strings (got %s = %s); " ..
             "for Lua values use set = function(row) ... end", tostring(col), type(expr))
      end
      check_column(run.cols, col, "set", run.table)
      run.columns[#run.columns + 1] = col
    end
    table.sort(run.columns)
  end
  run.qtable = quote_name(m.db, run.table)
  run.qkeys = {}
  for i, k in ipairs(run.keys) do run.qkeys[i] = m.db:quote(k) end
  run.qkey = #run.qkeys == 1 and run.qkeys[1] or "(" .. table.concat(run.qkeys, ", ") .. ")"
  return run
end

-- Runs every batch after `last`; `each(hi)` (optional) after each batch
-- inside its transaction.
local function run_batches(m, run, last, wrap)
  local total = count_rows(m, run, last)
  local bar = m:progress(total)
  local done = 0
  while true do
    local hi, n = wrap(function() return do_batch(m, run, last) end, last)
    if hi == nil then break end
    last, done = hi, done + n
    bar:step(n)
  end
  bar:done()
  return done
end

local function backfill(m, opts)
  local run = prepare(m, opts)
  refuse_null_keys(m, run)
  local stmts <close> = setmetatable({}, { __close = function(t)
    for _, st in pairs(t) do st:close() end
  end })
  run.stmts = stmts
  if m.db.txdepth > 0 then
    -- the migration's transaction: a failure rolls all of it back, so a
    -- rerun starts over from the first row
    return run_batches(m, run, nil, function(batch) return batch() end)
  end
  local pos = open_position(m, run)
  local done = run_batches(m, run, pos.last, function(batch)
    return m:transaction(function()
      local hi, n = batch()
      if hi ~= nil then pos:save(hi) end
      return hi, n
    end)
  end)
  pos:clear()
  return done
end

-- A database error raised inside this file gets the migration's position
-- instead, where the user can do something about it.
local here_src = debug.getinfo(1, "S").short_src
local function relocate(e)
  local msg = type(e) == "table" and e.message or e
  if type(msg) ~= "string" then return e end
  local prefix = here_src .. ":"
  if msg:sub(1, #prefix) == prefix then
    msg = caller() .. "m:backfill: " .. msg:gsub("^[^:]*:%d+: ", "", 1)
  end
  if type(e) == "table" then e.message = msg; return e end
  return msg
end

return function(m, opts)
  local ok, res = pcall(backfill, m, opts)
  if not ok then error(relocate(res), 0) end
  return res
end
