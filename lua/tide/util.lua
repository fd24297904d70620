-- tide.util: small helpers for the CLI's output: a deterministic JSON
-- encoder (sorted keys, two-space indent, trailing newline) and the
-- human-readable report of `tide debug`.
local util = {}

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  return keys
end

local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f',
                  ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }

local function quote(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

local function is_array(t)
  local n, mt = #t, getmetatable(t)
  if n == 0 and next(t) == nil and mt and mt.__jsontype == "array" then return "empty array" end
  if n == 0 then return next(t) == nil and "empty" or false end
  for k in pairs(t) do
    if math.type(k) ~= "integer" or k < 1 or k > n then return false end
  end
  return true
end

local function encode(v, indent, out)
  local ty = type(v)
  if ty == "nil" then out[#out + 1] = "null"
  elseif ty == "boolean" then out[#out + 1] = tostring(v)
  elseif ty == "number" then
    if v ~= v or v == math.huge or v == -math.huge then out[#out + 1] = "null"
    elseif math.type(v) == "integer" then out[#out + 1] = tostring(v)
    else out[#out + 1] = string.format("%.17g", v) end
  elseif ty == "string" then out[#out + 1] = quote(v)
  elseif ty == "table" then
    local arr, inner = is_array(v), indent .. "  "
    if arr == "empty" then out[#out + 1] = "{}" return end
    if arr == "empty array" then out[#out + 1] = "[]" return end
    out[#out + 1] = arr and "[\n" or "{\n"
    local keys = arr and nil or sorted_keys(v)
    local n = arr and #v or #keys
    for i = 1, n do
      out[#out + 1] = inner
      if arr then encode(v[i], inner, out)
      else
        out[#out + 1] = quote(tostring(keys[i])) .. ": "
        encode(v[keys[i]], inner, out)
      end
      out[#out + 1] = i < n and ",\n" or "\n"
    end
    out[#out + 1] = indent .. (arr and "]" or "}")
  else
    out[#out + 1] = quote("<" .. ty .. ">")
  end
end

--- util.json(value) -> deterministic, pretty JSON text ending in a newline.
function util.json(v)
  local out = {}
  encode(v, "", out)
  out[#out + 1] = "\n"
  return table.concat(out)
end

local function flatten(prefix, t, rows)
  for _, k in ipairs(sorted_keys(t)) do
    local v, name = t[k], prefix .. tostring(k)
    if type(v) == "table" and not (#v > 0 or next(v) == nil) then
      flatten(name .. ".", v, rows)
    elseif type(v) == "table" then
      local parts = {}
      for i, x in ipairs(v) do parts[i] = tostring(x) end
      rows[#rows + 1] = { name, next(v) == nil and "(none)" or table.concat(parts, ", ") }
    else
      rows[#rows + 1] = { name, tostring(v) }
    end
  end
end

--- util.table(rows) -> rows ({ {a, b}, ... }) as aligned text lines.
function util.table(rows)
  local widths = {}
  for _, r in ipairs(rows) do
    for i, cell in ipairs(r) do
      widths[i] = math.max(widths[i] or 0, utf8.len(cell) or #cell)
    end
  end
  local lines = {}
  for _, r in ipairs(rows) do
    local cells = {}
    for i, cell in ipairs(r) do
      cells[i] = i < #r and cell .. string.rep(" ", widths[i] - (utf8.len(cell) or #cell)) or cell
    end
    lines[#lines + 1] = table.concat(cells, "  ")
  end
  return table.concat(lines, "\n") .. (#lines > 0 and "\n" or "")
end

--- util.debug_report(cfg) -> the text of `tide debug`.
function util.debug_report(cfg)
  local rows = {
    { "config file", cfg.file or "(none: defaults)" },
    { "url", cfg.url .. "  (from " .. cfg.urlSource .. ")" },
  }
  -- paths in a config file are relative to its folder (config.c rebase_paths)
  local dir = cfg.file and cfg.file:match("^(.*)/[^/]*$")
  if dir and dir ~= "." then
    rows[1][2] = cfg.file .. "  (its paths are relative to " .. (dir == "" and "/" or dir) .. "/)"
  elseif cfg.file then
    rows[1][2] = cfg.file .. "  (its paths are relative to the current directory, its folder)"
  end
  local rest = {}
  for k, v in pairs(cfg) do
    if k ~= "file" and k ~= "url" and k ~= "urlSource" then rest[k] = v end
  end
  if rest.migrations and rest.migrations.list then
    rest.migrations.list = #rest.migrations.list .. " migrations (static list)"
  end
  flatten("", rest, rows)
  return util.table(rows)
end

return util
